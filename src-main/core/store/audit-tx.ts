import type { AuditRow } from './rows'

/** Which audit entries to read: by action, by who did them, and within which times. */
export interface AuditFilter {
  /** Only these actions (all when empty or missing). */
  actions?: readonly string[]
  /** Leave these actions out (sign-ins, by default on the screens). */
  exceptActions?: readonly string[]
  actorId?: string
  /** ISO times, inclusive from, exclusive until. */
  from?: string
  until?: string
}

/** The audit trail: written in the transaction of what it records, read newest first. */
export interface AuditTx {
  recordAudit(row: Omit<AuditRow, 'seq'>): Promise<void>
  /** Newest first, before a seq (null: the newest), narrowed by a filter. */
  auditEntries(limit: number, before: number | null, filter?: AuditFilter): Promise<AuditRow[]>
}

/** The WHERE clause of a filter, with its values, numbered from `first` ($n on PostgreSQL, ? on SQLite). */
export function auditWhere(
  before: number | null,
  filter: AuditFilter,
  placeholder: (n: number) => string,
): { where: string; values: unknown[] } {
  const values: unknown[] = [before ?? Number.MAX_SAFE_INTEGER]
  const clauses = [`seq < ${placeholder(1)}`]
  const add = (sql: (p: string) => string, value: unknown) => {
    values.push(value)
    clauses.push(sql(placeholder(values.length)))
  }
  const list = (column: string, items: readonly string[], not: boolean) => {
    const marks = items.map((item) => {
      values.push(item)
      return placeholder(values.length)
    })
    clauses.push(`${column} ${not ? 'NOT IN' : 'IN'} (${marks.join(', ')})`)
  }
  if (filter.actions?.length) list('action', filter.actions, false)
  if (filter.exceptActions?.length) list('action', filter.exceptActions, true)
  if (filter.actorId) add((p) => `actor_id = ${p}`, filter.actorId)
  if (filter.from) add((p) => `at >= ${p}`, filter.from)
  if (filter.until) add((p) => `at < ${p}`, filter.until)
  return { where: clauses.join(' AND '), values }
}
