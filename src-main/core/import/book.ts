import { nulPath } from '../api/bodies'
import { REQUIRED_ACCOUNT_FIELDS, type AccountField } from './fields'
import { readAccount, type AccountInput, type OwnerDirectory, type RowError } from './accounts'
import type { DateFormat } from './values'

/** Where each account field sits in a book line (the shapes of the workflow context). */
const PATHS: Partial<Record<AccountField, string>> = {
  external_id: 'externalId',
  name: 'name',
  domain: 'domain',
  arr: 'arr',
  renewal_date: 'renewalDate',
  contract_start: 'contractStart',
  owner: 'owner',
  account_plan: 'accountPlan',
  status: 'status',
  health_score: 'intelligence.healthScore',
  risk_score: 'intelligence.riskScore',
  sentiment: 'intelligence.sentiment',
}
const TOP_LEVEL = new Set([
  'externalId',
  'name',
  'domain',
  'arr',
  'renewalDate',
  'contractStart',
  'owner',
  'accountPlan',
  'status',
  'intelligence',
  'data',
])
const INTELLIGENCE = new Set(['riskScore', 'healthScore', 'sentiment', 'aiSummary', 'insights', 'recommendations'])
const DATA_SECTIONS = new Set(['salesforce', 'usage', 'financials', 'engagement'])

const REQUIRED = new Set<string>(REQUIRED_ACCOUNT_FIELDS)

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value)

function at(root: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root)
}

/** One line of a book file: an account with its intelligence and data, checked field by field. */
export function readBookLine(
  text: string,
  line: number,
  options: { owners: OwnerDirectory; dateFormat: DateFormat },
  ignored: Set<string>,
): { account: AccountInput } | { errors: RowError[] } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { errors: [{ line, column: '(line)', value: text.slice(0, 200), message: 'is not valid JSON' }] }
  }
  if (!isObject(value))
    return { errors: [{ line, column: '(line)', value: text.slice(0, 200), message: 'must be a JSON object' }] }
  const root = value
  const nul = nulPath(root, '')
  if (nul !== null)
    return {
      errors: [{ line, column: nul.slice(1) || '(line)', value: null, message: 'contains a NUL character (U+0000)' }],
    }
  for (const key of Object.keys(root)) if (!TOP_LEVEL.has(key)) ignored.add(key)
  const errors: RowError[] = []
  const problem = (column: string, given: unknown, message: string) =>
    errors.push({ line, column, value: given === undefined ? null : JSON.stringify(given), message })

  const read = readAccount(
    (field) => {
      const path = PATHS[field]
      if (!path) return undefined
      const given = at(root, path)
      if (given === undefined && !REQUIRED.has(field)) return undefined
      if (given !== null && given !== undefined && typeof given === 'object')
        return { column: path, text: JSON.stringify(given) }
      return { column: path, text: given === null || given === undefined ? '' : String(given) }
    },
    line,
    options,
  )
  if ('errors' in read) errors.push(...read.errors)

  const intelligence = root.intelligence
  if (intelligence !== undefined && !isObject(intelligence)) problem('intelligence', intelligence, 'must be an object')
  const intel: Json = isObject(intelligence) ? intelligence : {}
  for (const key of Object.keys(intel)) if (!INTELLIGENCE.has(key)) ignored.add(`intelligence.${key}`)
  if (intel.aiSummary !== undefined && intel.aiSummary !== null && typeof intel.aiSummary !== 'string')
    problem('intelligence.aiSummary', intel.aiSummary, 'must be text')
  const insights = intel.insights
  if (insights !== undefined) {
    if (!Array.isArray(insights)) problem('intelligence.insights', insights, 'must be a list')
    else
      insights.forEach((insight, i) => {
        if (!isObject(insight) || typeof insight.message !== 'string' || typeof insight.type !== 'string')
          problem(`intelligence.insights[${i}]`, insight, 'must have a type and a message')
      })
  }
  const recommendations = intel.recommendations
  if (
    recommendations !== undefined &&
    (!Array.isArray(recommendations) || recommendations.some((r) => typeof r !== 'string'))
  )
    problem('intelligence.recommendations', recommendations, 'must be a list of text')

  const data = root.data
  if (data !== undefined && !isObject(data)) problem('data', data, 'must be an object')
  if (isObject(data)) {
    for (const [key, section] of Object.entries(data)) {
      if (!DATA_SECTIONS.has(key)) ignored.add(`data.${key}`)
      else if (!isObject(section)) problem(`data.${key}`, section, 'must be an object')
    }
  }
  if (errors.length || 'errors' in read) return { errors }
  const account: AccountInput = { ...read.account, data: isObject(data) ? pick(data) : {} }
  if (intel.aiSummary !== undefined) account.aiSummary = (intel.aiSummary as string | null) ?? null
  if (Array.isArray(insights)) account.insights = insights
  if (Array.isArray(recommendations)) account.recommendations = recommendations as string[]
  return { account }
}

function pick(data: Json): Json {
  return Object.fromEntries(Object.entries(data).filter(([key]) => DATA_SECTIONS.has(key)))
}
