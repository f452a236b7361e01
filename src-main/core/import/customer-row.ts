import { createHash } from 'node:crypto'
import type { CustomerRow } from '../store/rows'
import type { AccountInput } from './accounts'

/** An imported account's id: the same on every host and every import, whatever its CRM id holds. */
export function customerIdFor(externalId: string): string {
  return `acct-${createHash('sha256').update(externalId).digest('hex').slice(0, 20)}`
}

type Json = Record<string, unknown>

const objectAt = (root: Json, key: string): Json => {
  const value = root[key]
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json
  return (root[key] = {})
}

/** Sets a value in the account's data; null removes it, so a section without data stays out. */
function setIn(data: Json, path: readonly string[], value: unknown): void {
  if (value === undefined) return
  let node = data
  for (const key of path.slice(0, -1)) {
    if (value === null && !(node[key] && typeof node[key] === 'object')) return
    node = objectAt(node, key)
  }
  const last = path.at(-1)!
  if (value === null) delete node[last]
  else node[last] = value
}

/**
 * The stored row for an account: what the file gives replaces what is stored; what the file
 * does not have is kept (a re-import of the accounts file keeps contacts and history).
 */
export function toCustomerRow(input: AccountInput, existing: CustomerRow | undefined): CustomerRow {
  const data: Json = input.data ? structuredClone(input.data) : existing ? JSON.parse(existing.data_json) : {}
  if (!input.data) {
    setIn(data, ['usage', 'activeUsers'], input.activeUsers)
    setIn(data, ['usage', 'licensedUsers'], input.licensedUsers)
    setIn(data, ['engagement', 'supportTickets', 'open'], input.openTickets)
    if (input.arr !== undefined && (existing === undefined || data.financials !== undefined)) {
      setIn(data, ['financials', 'currentARR'], input.arr)
    }
  }
  const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given)
  return {
    id: existing?.id ?? customerIdFor(input.externalId),
    external_id: input.externalId,
    name: input.name,
    domain: keep(input.domain, existing?.domain ?? ''),
    arr: input.arr,
    renewal_date: input.renewalDate,
    contract_start: keep(input.contractStart, existing?.contract_start ?? null),
    account_plan: keep(input.accountPlan, existing?.account_plan ?? 'manage'),
    owner_id: input.ownerId,
    status: keep(input.status, existing?.status ?? 'active'),
    risk_score: keep(input.riskScore, existing?.risk_score ?? null),
    health_score: keep(input.healthScore, existing?.health_score ?? null),
    sentiment: keep(input.sentiment, existing?.sentiment ?? null),
    ai_summary: keep(input.aiSummary, existing?.ai_summary ?? null),
    insights_json: input.insights ? JSON.stringify(input.insights) : (existing?.insights_json ?? '[]'),
    recommendations_json: input.recommendations
      ? JSON.stringify(input.recommendations)
      : (existing?.recommendations_json ?? '[]'),
    data_json: JSON.stringify(data),
  }
}

const COMPARED: readonly (keyof CustomerRow)[] = [
  'external_id',
  'name',
  'domain',
  'arr',
  'renewal_date',
  'contract_start',
  'account_plan',
  'owner_id',
  'status',
  'risk_score',
  'health_score',
  'sentiment',
  'ai_summary',
  'insights_json',
  'recommendations_json',
  'data_json',
]

export function sameCustomer(a: CustomerRow, b: CustomerRow): boolean {
  return COMPARED.every((key) => a[key] === b[key])
}
