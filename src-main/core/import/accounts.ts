import type { AccountPlan } from '../domain/priority'
import type { CustomerStatus, UserRow } from '../store/rows'
import type { AccountField } from './fields'
import { REQUIRED_ACCOUNT_FIELDS } from './fields'
import type { RowError } from './types'
import { parseChoice, parseDate, parseDomain, parseMoney, parseWhole, type DateFormat, type Parsed } from './values'

export type { RowError }

/** An account as a file gives it. A field the file does not have is undefined (kept as stored); an empty cell is null. */
export interface AccountInput {
  externalId: string
  name: string
  domain?: string
  arr: number
  renewalDate: string
  contractStart?: string | null
  ownerId: string
  accountPlan?: AccountPlan
  status?: CustomerStatus
  healthScore?: number | null
  riskScore?: number | null
  sentiment?: string | null
  activeUsers?: number | null
  licensedUsers?: number | null
  openTickets?: number | null
  /** The book's own intelligence and data, which replace what is stored. */
  aiSummary?: string | null
  insights?: unknown[]
  recommendations?: string[]
  data?: Record<string, unknown>
}

/** A cell: where it is (the file's header, or a JSON path) and its text; undefined when the file has no such column. */
export type CellReader = (field: AccountField) => { column: string; text: string } | undefined

/** Who an owner cell names: a user's email, or their exact full name. */
export class OwnerDirectory {
  private readonly byEmail = new Map<string, string>()
  private readonly byName = new Map<string, string[]>()
  private readonly emails = new Map<string, string>()
  /** Why a user cannot own accounts: deactivated, or an admin. */
  private readonly barred = new Map<string, string>()

  constructor(users: readonly UserRow[]) {
    for (const user of users) {
      if (!user.active) this.barred.set(user.id, `names ${user.name}, who is deactivated; give an active CSM`)
      else if (user.role !== 'csm') this.barred.set(user.id, `names ${user.name}, an admin; accounts are owned by CSMs`)
      this.emails.set(user.id, user.email)
      this.byEmail.set(user.email.toLowerCase(), user.id)
      this.byName.set(user.name, [...(this.byName.get(user.name) ?? []), user.id])
    }
  }

  emailOf(id: string): string {
    return this.emails.get(id) ?? id
  }

  resolve(text: string): Parsed<string> {
    const value = text.trim()
    const byEmail = this.byEmail.get(value.toLowerCase())
    const named = this.byName.get(value) ?? []
    const found = byEmail ?? (named.length === 1 ? named[0]! : undefined)
    if (found) {
      const barred = this.barred.get(found)
      return barred ? { ok: false, message: barred } : { ok: true, value: found }
    }
    if (named.length > 1) return { ok: false, message: `names ${named.length} users; use the owner's email instead` }
    return { ok: false, message: `is not a user of this team (give their email or exact full name)` }
  }
}

const PLANS: readonly AccountPlan[] = ['invest', 'expand', 'manage', 'monitor']
const STATUSES: readonly CustomerStatus[] = ['active', 'churned']

/** Reads one account; returns it, or every problem its cells have. */
export function readAccount(
  cell: CellReader,
  line: number,
  options: { owners: OwnerDirectory; dateFormat: DateFormat },
): { account: AccountInput } | { errors: RowError[] } {
  const errors: RowError[] = []
  const read = <T>(field: AccountField, parse: (text: string) => Parsed<T>): T | null | undefined => {
    const c = cell(field)
    if (!c) return undefined
    if (!c.text.trim()) {
      if ((REQUIRED_ACCOUNT_FIELDS as readonly string[]).includes(field)) {
        errors.push({ line, column: c.column, value: c.text, message: 'is required' })
      }
      return null
    }
    const parsed = parse(c.text)
    if (parsed.ok) return parsed.value
    errors.push({ line, column: c.column, value: c.text, message: parsed.message })
    return null
  }
  const text = (t: string): Parsed<string> => ({ ok: true, value: t.trim() })
  const limited = (max: number) => (t: string) =>
    t.trim().length > max ? { ok: false as const, message: `must be at most ${max} characters` } : text(t)
  const score = (t: string) => parseWhole(t, 0, 100)
  const count = (t: string) => parseWhole(t, 0, 100_000_000)
  const date = (t: string) => parseDate(t, options.dateFormat)

  const externalId = read('external_id', limited(200))
  const name = read('name', limited(300))
  const domain = read('domain', parseDomain)
  const arr = read('arr', parseMoney)
  const renewalDate = read('renewal_date', date)
  const contractStart = read('contract_start', date)
  const ownerId = read('owner', (t) => options.owners.resolve(t))
  const plan = read('account_plan', (t) => parseChoice(t, PLANS))
  const status = read('status', (t) => parseChoice(t, STATUSES))
  const account: AccountInput = {
    externalId: externalId!,
    name: name!,
    arr: arr!,
    renewalDate: renewalDate!,
    ownerId: ownerId!,
    ...(domain !== undefined && { domain: domain ?? '' }),
    ...(contractStart !== undefined && { contractStart }),
    // An empty plan or status is the default one.
    ...(plan !== undefined && { accountPlan: plan ?? 'manage' }),
    ...(status !== undefined && { status: status ?? 'active' }),
    ...optional('healthScore', read('health_score', score)),
    ...optional('riskScore', read('risk_score', score)),
    ...optional('sentiment', read('sentiment', limited(100))),
    ...optional('activeUsers', read('active_users', count)),
    ...optional('licensedUsers', read('licensed_users', count)),
    ...optional('openTickets', read('open_tickets', count)),
  }
  if (contractStart && renewalDate && contractStart > renewalDate) {
    errors.push({
      line,
      column: cell('contract_start')!.column,
      value: cell('contract_start')!.text,
      message: `is after the renewal date (${renewalDate})`,
    })
  }
  return errors.length ? { errors } : { account }
}

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T }
}
