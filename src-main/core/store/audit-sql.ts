import type Database from 'better-sqlite3'
import { auditWhere, type AuditFilter } from './audit-tx'
import { SqliteChangeReadsSql } from './change-reads-sql'
import type { AuditRow } from './rows'

/** SQLite's SQL for the audit trail; the Store is built on it. */
export abstract class SqliteAuditSql extends SqliteChangeReadsSql {
  private auditInsert?: Database.Statement<Omit<AuditRow, 'seq'>>

  recordAudit(row: Omit<AuditRow, 'seq'>): void {
    this.auditInsert ??= this.db.prepare<Omit<AuditRow, 'seq'>>(
      `INSERT INTO audit (at, actor_id, actor_email, action, subject, reason, details_json)
       VALUES (@at, @actor_id, @actor_email, @action, @subject, @reason, @details_json)`,
    )
    this.auditInsert.run(row)
  }

  auditEntries(limit: number, before: number | null, filter: AuditFilter = {}): AuditRow[] {
    const { where, values } = auditWhere(before, filter, () => '?')
    return this.db
      .prepare<unknown[], AuditRow>(`SELECT * FROM audit WHERE ${where} ORDER BY seq DESC LIMIT ?`)
      .all(...values, limit)
  }
}
