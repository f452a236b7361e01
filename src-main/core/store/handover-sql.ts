import type Database from 'better-sqlite3'
import { SqliteAuthSql } from './auth-sql'
import type { HandoverRow } from './handover-tx'

function prepare(db: Database.Database) {
  return {
    former: db.prepare<[string, string, string]>(
      `INSERT INTO former_assignees (workflow_id, csm_id, until) VALUES (?, ?, ?)
       ON CONFLICT (workflow_id, csm_id) DO UPDATE SET until = excluded.until`,
    ),
    wasAssigned: db
      .prepare<[string, string], number>('SELECT count(*) FROM former_assignees WHERE workflow_id = ? AND csm_id = ?')
      .pluck(),
    insert: db.prepare<HandoverRow>(
      `INSERT INTO handovers (id, workflow_id, from_csm_id, why, at, changes_json)
       VALUES (@id, @workflow_id, @from_csm_id, @why, @at, @changes_json) ON CONFLICT (id) DO NOTHING`,
    ),
    openOf: db.prepare<[string, string], { id: string; assigned_to: string }>(
      `SELECT id, assigned_to FROM workflows WHERE customer_id = ? AND id <> ? AND status IN ('pending', 'in_progress')
       ORDER BY assigned_at DESC LIMIT 1`,
    ),
    moveOfWorkflow: db.prepare<[string, string]>(
      "UPDATE tasks SET csm_id = ? WHERE workflow_id = ? AND status = 'open'",
    ),
    moveOfCustomer: db.prepare<[string, string, string]>(
      "UPDATE tasks SET csm_id = ? WHERE customer_id = ? AND csm_id = ? AND status = 'open'",
    ),
    moveAll: db.prepare<[string, string]>("UPDATE tasks SET csm_id = ? WHERE csm_id = ? AND status = 'open'"),
    deleteOf: db.prepare<[string]>('DELETE FROM handovers WHERE workflow_id = ?'),
    ofOne: db.prepare<[string], HandoverRow>('SELECT * FROM handovers WHERE workflow_id = ? ORDER BY at, id'),
    deleteFormerOf: db.prepare<[string]>('DELETE FROM former_assignees WHERE workflow_id = ?'),
  }
}

/** SQLite's SQL for handovers and for tasks that follow their work; the Store is built on it. */
export abstract class SqliteHandoverSql extends SqliteAuthSql {
  private handoverStatements?: ReturnType<typeof prepare>

  private get handover() {
    return (this.handoverStatements ??= prepare(this.db))
  }

  recordFormerAssignee(workflowId: string, csmId: string, until: string): void {
    this.handover.former.run(workflowId, csmId, until)
  }

  wasAssignedTo(workflowId: string, csmId: string): boolean {
    return this.handover.wasAssigned.get(workflowId, csmId)! > 0
  }

  insertHandover(row: HandoverRow): void {
    this.handover.insert.run(row)
  }

  handoversOf(workflowIds: readonly string[]): HandoverRow[] {
    if (!workflowIds.length) return []
    // One workflow is every context read: its statement is prepared once.
    if (workflowIds.length === 1) return this.handover.ofOne.all(workflowIds[0]!)
    return this.db
      .prepare<string[], HandoverRow>(
        `SELECT * FROM handovers WHERE workflow_id IN (${workflowIds.map(() => '?').join(', ')}) ORDER BY at, id`,
      )
      .all(...workflowIds)
  }

  openWorkflowOf(customerId: string, exceptId: string): { id: string; assigned_to: string } | undefined {
    return this.handover.openOf.get(customerId, exceptId)
  }

  moveOpenTasksOfWorkflow(workflowId: string, toCsmId: string): void {
    this.handover.moveOfWorkflow.run(toCsmId, workflowId)
  }

  moveOpenTasksOfCustomer(customerId: string, fromCsmId: string, toCsmId: string): void {
    this.handover.moveOfCustomer.run(toCsmId, customerId, fromCsmId)
  }

  moveOpenTasks(fromCsmId: string, toCsmId: string): void {
    this.handover.moveAll.run(toCsmId, fromCsmId)
  }

  deleteHandoversOf(workflowId: string): void {
    this.handover.deleteOf.run(workflowId)
    this.handover.deleteFormerOf.run(workflowId)
  }
}
