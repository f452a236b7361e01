import { auditWhere, type AuditFilter } from '../audit-tx'
import type { AuditRow } from '../rows'
import { PgChangeReadsSql } from './change-reads-sql'

/** PostgreSQL's SQL for the audit trail; PgTx is built on it. */
export abstract class PgAuditSql extends PgChangeReadsSql {
  recordAudit(r: Omit<AuditRow, 'seq'>) {
    return this.run(
      `INSERT INTO audit (at, actor_id, actor_email, action, subject, reason, details_json)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.at, r.actor_id, r.actor_email, r.action, r.subject, r.reason, r.details_json],
    )
  }

  auditEntries(limit: number, before: number | null, filter: AuditFilter = {}) {
    const { where, values } = auditWhere(before, filter, (n) => `$${n}`)
    return this.rows<AuditRow>(`SELECT * FROM audit WHERE ${where} ORDER BY seq DESC LIMIT $${values.length + 1}`, [
      ...values,
      limit,
    ])
  }
}
