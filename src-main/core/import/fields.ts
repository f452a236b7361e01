import { headerKey } from './values'

/** The columns of each CSV kind, each with the names CRM exports give it. */
export const ACCOUNT_FIELDS = {
  external_id: ['Account ID', 'Record ID', 'Id', 'accountExternalId'],
  name: ['Account Name', 'Company name'],
  domain: ['Website', 'Company Domain Name'],
  arr: ['ARR', 'Annual Recurring Revenue', 'Annual Contract Value', 'Total Contract Amount'],
  renewal_date: ['Renewal Date', 'Contract End Date', 'Next Renewal Date', 'NextRenewalDate'],
  contract_start: ['Contract Start Date', 'Start Date'],
  owner: ['Account Owner', 'Company owner', 'Owner Email', 'OwnerUserAccount'],
  account_plan: [],
  health_score: [],
  risk_score: [],
  sentiment: [],
  active_users: [],
  licensed_users: [],
  open_tickets: [],
  status: [],
} as const

export const REQUIRED_ACCOUNT_FIELDS = ['external_id', 'name', 'arr', 'renewal_date', 'owner'] as const

export const CONTACT_FIELDS = {
  account_id: ['Account ID'],
  name: [],
  email: [],
  role: ['Title'],
  is_primary: [],
} as const

export const REQUIRED_CONTACT_FIELDS = ['account_id', 'name'] as const

export type AccountField = keyof typeof ACCOUNT_FIELDS
export type ContactField = keyof typeof CONTACT_FIELDS

export interface HeaderMap<F extends string> {
  /** Each known field's column index and the header as the file writes it. */
  columns: Map<F, { index: number; header: string }>
  ignored: string[]
}

/** Matches a file's headers to fields, case- and space-insensitively; the first of two names for one field wins. */
export function mapHeaders<F extends string>(
  headers: readonly string[],
  fields: Record<F, readonly string[]>,
): HeaderMap<F> {
  const byKey = new Map<string, F>()
  for (const [field, aliases] of Object.entries(fields) as [F, readonly string[]][]) {
    byKey.set(headerKey(field), field)
    for (const alias of aliases) byKey.set(headerKey(alias), field)
  }
  const columns = new Map<F, { index: number; header: string }>()
  const ignored: string[] = []
  headers.forEach((header, index) => {
    const field = byKey.get(headerKey(header))
    if (field && !columns.has(field)) columns.set(field, { index, header })
    else if (header.trim()) ignored.push(header)
  })
  return { columns, ignored }
}
