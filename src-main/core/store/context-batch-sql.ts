import { CONTEXT_BATCH_SQL } from './context-batch-tx'
import { SqliteReportsSql } from './reports-sql'
import type { CustomerRow, ForecastView, TaskListRow, UserRow, WorkflowRow } from './rows'

/** A list of ids as one JSON parameter: one statement whatever the batch's size. */
const IN_LIST = 'IN (SELECT value FROM json_each(?))'

/** SQLite's set-based context reads. */
export abstract class SqliteContextBatchSql extends SqliteReportsSql {
  private batchRead<R>(sql: (list: string) => string, ids: readonly string[]): R[] {
    if (!ids.length) return []
    return this.db.prepare<[string], R>(sql(IN_LIST)).all(JSON.stringify(ids))
  }

  workflowsByIds(ids: readonly string[]): WorkflowRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.workflows, ids)
  }

  customersByIds(ids: readonly string[]): CustomerRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.customers, ids)
  }

  usersByIds(ids: readonly string[]): UserRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.users, ids)
  }

  completedWorkflowsOf(customerIds: readonly string[]): WorkflowRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.completed, customerIds)
  }

  openTasksOfCustomers(customerIds: readonly string[]): TaskListRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.openTasks, customerIds)
  }

  forecastsOf(customerIds: readonly string[]): ForecastView[] {
    return this.batchRead(CONTEXT_BATCH_SQL.forecasts, customerIds)
  }
}
