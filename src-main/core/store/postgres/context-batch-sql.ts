import { CONTEXT_BATCH_SQL, type ContextSets } from '../context-batch-tx'
import { PgReportsSql } from './reports-sql'

const customersOfBatch = 'IN (SELECT customer_id FROM bw)'
/** Every set as JSON: numbers, text and nulls come back as the rows' own reads give them. */
const CONTEXT_SETS = `WITH
  bw AS (${CONTEXT_BATCH_SQL.workflows('= ANY($1)')}),
  bc AS (${CONTEXT_BATCH_SQL.customers(customersOfBatch)}),
  bd AS (${CONTEXT_BATCH_SQL.completed(customersOfBatch)}),
  bs AS (SELECT * FROM step_results WHERE workflow_id IN (SELECT id FROM bw UNION SELECT id FROM bd)),
  bt AS (${CONTEXT_BATCH_SQL.openTasks(customersOfBatch)}),
  bh AS (SELECT * FROM handovers WHERE workflow_id IN (SELECT id FROM bw)),
  bf AS (${CONTEXT_BATCH_SQL.forecasts(customersOfBatch)}),
  bu AS (SELECT * FROM csms WHERE id IN (SELECT assigned_to FROM bw UNION SELECT owner_id FROM bc
    UNION SELECT assigned_to FROM bd UNION SELECT from_csm_id FROM bh))
SELECT
  (SELECT json_agg(bw) FROM bw) AS workflows,
  (SELECT json_agg(bc) FROM bc) AS customers,
  (SELECT json_agg(bd ORDER BY bd.customer_id, bd.completed_at DESC, bd.id) FROM bd) AS completed,
  (SELECT json_agg(bs ORDER BY bs.workflow_id, bs.position) FROM bs) AS steps,
  (SELECT json_agg(bt ORDER BY bt.customer_id, bt.due_date IS NULL, bt.due_date, bt.created_at, bt.id) FROM bt) AS tasks,
  (SELECT json_agg(bh ORDER BY bh.at, bh.id) FROM bh) AS handovers,
  (SELECT json_agg(bf) FROM bf) AS forecasts,
  (SELECT json_agg(bu) FROM bu) AS users`

/** PostgreSQL's set-based context reads: a list of ids is one array parameter. */
export abstract class PgContextBatchSql extends PgReportsSql {
  /** The context sets in one statement (one round trip instead of nine), each set aggregated in its read's order. */
  async contextSets(ids: readonly string[]): Promise<ContextSets> {
    const [row] = await this.prepared<{ [K in keyof ContextSets]: ContextSets[K] | null }>(CONTEXT_SETS, [ids])
    const set = <K extends keyof ContextSets>(key: K): ContextSets[K] => row?.[key] ?? ([] as ContextSets[K])
    return {
      workflows: set('workflows'),
      customers: set('customers'),
      completed: set('completed'),
      steps: set('steps'),
      tasks: set('tasks'),
      handovers: set('handovers'),
      forecasts: set('forecasts'),
      users: set('users'),
    }
  }
}
