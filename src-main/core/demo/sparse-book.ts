import { addDays } from '../clock'

/** Days until renewal that fall in each of the nine stages, Overdue to Monitor. */
const STAGE_DAYS = [-10, 3, 10, 20, 45, 75, 100, 150, 200]

/**
 * A book as a CRM's accounts export gives it: only the accounts columns, no usage history,
 * contacts, opportunities or payments; every other account also lacks the optional columns.
 * Templates must read well over it (templates:check renders every one of them).
 */
export function sparseAccountsCsv(today: string, owner = 'sarah@company.com'): string {
  const header =
    'external_id,name,domain,arr,renewal_date,owner,health_score,risk_score,sentiment,active_users,licensed_users,open_tickets'
  const rows = STAGE_DAYS.flatMap((days, i) => {
    const base = `${(i + 1) * 50_000},${addDays(today, days)},${owner}`
    return [
      `SPARSE-${i + 1},Sparse Account ${i + 1},,${base},,,,,,`,
      `PARTIAL-${i + 1},Partial Account ${i + 1},partial${i + 1}.com,${base},${40 + i * 5},${60 - i * 5},stable,${10 + i},${20 + i},${i % 3}`,
    ]
  })
  return [header, ...rows].join('\n')
}

/** Contacts as a CRM export may give them: some without a title or an email. */
export function sparseContactsCsv(): string {
  return ['account_id,name,email,title', 'SPARSE-1,Robin Vale,,', 'PARTIAL-1,Kai Moss,kai@partial1.com,'].join('\n')
}
