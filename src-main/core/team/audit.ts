import type { Db, Tx } from '../store/db'
import type { AuditRow } from '../store/rows'
import type { AuditAction, AuditEntry } from './types'

export type { AuditAction, AuditEntry }

/** Records who did what, when and why, in the transaction of what they did. */
export function audit(
  tx: Tx,
  at: Date,
  actor: { id: string | null; email: string },
  action: AuditAction,
  entry: { subject?: string | null; reason?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  return tx.recordAudit({
    at: at.toISOString(),
    actor_id: actor.id,
    actor_email: actor.email,
    action,
    subject: entry.subject ?? null,
    reason: entry.reason ?? null,
    details_json: JSON.stringify(entry.details ?? {}),
  })
}

/** How long the audit trail is kept unless the host says otherwise (--audit-retention-days). */
export const AUDIT_RETENTION_DAYS = 400

/** Drops audit rows older than the retention; answers how many went. */
export function pruneAudit(db: Db, now: Date, retentionDays: number): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  return db.write((tx) => tx.pruneAudit(before))
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: { id: row.actor_id, email: row.actor_email },
    action: row.action as AuditAction,
    subject: row.subject,
    reason: row.reason,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
  }
}
