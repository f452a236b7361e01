import type { HandoverRow } from '../handover-tx'
import { PgAuthSql } from './auth-sql'

/** PostgreSQL's SQL for handovers and for tasks that follow their work; PgTx is built on it. */
export abstract class PgHandoverSql extends PgAuthSql {
  recordFormerAssignee(workflowId: string, csmId: string, until: string) {
    return this.run(
      `INSERT INTO former_assignees (workflow_id, csm_id, until) VALUES ($1, $2, $3)
       ON CONFLICT (workflow_id, csm_id) DO UPDATE SET until = EXCLUDED.until`,
      [workflowId, csmId, until],
    )
  }

  async wasAssignedTo(workflowId: string, csmId: string) {
    const rows = await this.rows('SELECT 1 FROM former_assignees WHERE workflow_id = $1 AND csm_id = $2', [
      workflowId,
      csmId,
    ])
    return rows.length > 0
  }

  insertHandover(r: HandoverRow) {
    return this.run(
      `INSERT INTO handovers (id, workflow_id, from_csm_id, why, at, changes_json) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [r.id, r.workflow_id, r.from_csm_id, r.why, r.at, r.changes_json],
    )
  }

  async handoversOf(workflowIds: readonly string[]) {
    if (!workflowIds.length) return []
    return this.prepared<HandoverRow>('SELECT * FROM handovers WHERE workflow_id = ANY($1) ORDER BY at, id', [
      workflowIds,
    ])
  }

  async openWorkflowOf(customerId: string, exceptId: string) {
    const [row] = await this.rows<{ id: string; assigned_to: string }>(
      `SELECT id, assigned_to FROM workflows WHERE customer_id = $1 AND id <> $2 AND status IN ('pending', 'in_progress')
       ORDER BY assigned_at DESC LIMIT 1`,
      [customerId, exceptId],
    )
    return row
  }

  moveOpenTasksOfWorkflow(workflowId: string, toCsmId: string) {
    return this.run("UPDATE tasks SET csm_id = $1 WHERE workflow_id = $2 AND status = 'open'", [toCsmId, workflowId])
  }

  moveOpenTasksOfCustomer(customerId: string, fromCsmId: string, toCsmId: string) {
    return this.run("UPDATE tasks SET csm_id = $1 WHERE customer_id = $2 AND csm_id = $3 AND status = 'open'", [
      toCsmId,
      customerId,
      fromCsmId,
    ])
  }

  moveOpenTasks(fromCsmId: string, toCsmId: string) {
    return this.run("UPDATE tasks SET csm_id = $1 WHERE csm_id = $2 AND status = 'open'", [toCsmId, fromCsmId])
  }

  async deleteHandoversOf(workflowId: string) {
    await this.run('DELETE FROM handovers WHERE workflow_id = $1', [workflowId])
    await this.run('DELETE FROM former_assignees WHERE workflow_id = $1', [workflowId])
  }
}
