import type pg from 'pg'
import { CONTEXT_BATCH_SQL } from '../context-batch-tx'
import type { CustomerRow, ForecastView, TaskListRow, UserRow, WorkflowRow } from '../rows'
import { PgReportsSql } from './reports-sql'

/** PostgreSQL's set-based context reads: a list of ids is one array parameter. */
export abstract class PgContextBatchSql extends PgReportsSql {
  private async batchRead<R extends pg.QueryResultRow>(sql: (list: string) => string, ids: readonly string[]) {
    if (!ids.length) return []
    return this.prepared<R>(sql('= ANY($1)'), [ids])
  }

  workflowsByIds(ids: readonly string[]) {
    return this.batchRead<WorkflowRow>(CONTEXT_BATCH_SQL.workflows, ids)
  }

  customersByIds(ids: readonly string[]) {
    return this.batchRead<CustomerRow>(CONTEXT_BATCH_SQL.customers, ids)
  }

  usersByIds(ids: readonly string[]) {
    return this.batchRead<UserRow>(CONTEXT_BATCH_SQL.users, ids)
  }

  completedWorkflowsOf(customerIds: readonly string[]) {
    return this.batchRead<WorkflowRow>(CONTEXT_BATCH_SQL.completed, customerIds)
  }

  openTasksOfCustomers(customerIds: readonly string[]) {
    return this.batchRead<TaskListRow>(CONTEXT_BATCH_SQL.openTasks, customerIds)
  }

  forecastsOf(customerIds: readonly string[]) {
    return this.batchRead<ForecastView>(CONTEXT_BATCH_SQL.forecasts, customerIds)
  }
}
