import { HEALTH_SQL } from './health-tx'
import type { CustomerRow, ForecastView, TaskListRow, UserRow, WorkflowRow } from './rows'

/**
 * Set-based reads for many workflows' contexts at once (a desk's first sync): a few statements
 * for a batch instead of several per workflow. Each keeps the order its one-at-a-time twin has.
 */
export interface ContextBatchTx {
  workflowsByIds(ids: readonly string[]): Promise<WorkflowRow[]>
  customersByIds(ids: readonly string[]): Promise<CustomerRow[]>
  usersByIds(ids: readonly string[]): Promise<UserRow[]>
  /** Completed workflows of these customers, by customer, then most recently completed first. */
  completedWorkflowsOf(customerIds: readonly string[]): Promise<WorkflowRow[]>
  /** Open tasks of these customers, by customer, then soonest due first (as openTasksOfCustomer). */
  openTasksOfCustomers(customerIds: readonly string[]): Promise<TaskListRow[]>
  /** Every forecast of these customers (the caller picks each one's current renewal). */
  forecastsOf(customerIds: readonly string[]): Promise<ForecastView[]>
}

/** The statements, one text for both engines: `list` is the engine's way to match a list of ids. */
export const CONTEXT_BATCH_SQL = {
  workflows: (list: string) => `SELECT * FROM workflows WHERE id ${list}`,
  customers: (list: string) => HEALTH_SQL.customers(`c.id ${list}`),
  users: (list: string) => `SELECT * FROM csms WHERE id ${list}`,
  completed: (list: string) =>
    `SELECT * FROM workflows WHERE customer_id ${list} AND status = 'completed'
     ORDER BY customer_id, completed_at DESC, id`,
  openTasks: (list: string) =>
    `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
     WHERE t.customer_id ${list} AND t.status = 'open'
     ORDER BY t.customer_id, t.due_date IS NULL, t.due_date, t.created_at, t.id`,
  forecasts: (list: string) =>
    `SELECT f.*, u.name AS updated_by_name FROM forecasts f LEFT JOIN csms u ON u.id = f.updated_by
     WHERE f.customer_id ${list}`,
}
