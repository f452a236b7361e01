import { CONTEXT_BATCH_SQL, bookPageOf, type BookSets, type ContextSets } from './context-batch-tx'
import type { StatusCounts, StatusDay } from './queue-tx'
import { SqliteReportsSql } from './reports-sql'
import type { CustomerRow, ForecastView, StepResultRow, TaskListRow, UserRow, WorkflowRow } from './rows'

/** A list of ids as one JSON parameter: one statement whatever the batch's size. */
const IN_LIST = 'IN (SELECT value FROM json_each(?))'

/** SQLite's set-based context reads. */
export abstract class SqliteContextBatchSql extends SqliteReportsSql {
  abstract activeWorkflowIds(csmId: string): string[]
  abstract statusCounts(csmId: string, day: StatusDay): StatusCounts

  bookSets(csmId: string, after: string | null, size: number, day: StatusDay): BookSets {
    const { page, next } = bookPageOf(this.activeWorkflowIds(csmId), after, size)
    return { page, next, sets: this.contextSets(page), counts: this.statusCounts(csmId, day) }
  }

  private batchRead<R>(sql: (list: string) => string, ids: readonly string[]): R[] {
    if (!ids.length) return []
    return this.db.prepare<[string], R>(sql(IN_LIST)).all(JSON.stringify(ids))
  }

  private workflowsByIds(ids: readonly string[]): WorkflowRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.workflows, ids)
  }

  private customersByIds(ids: readonly string[]): CustomerRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.customers, ids)
  }

  private usersByIds(ids: readonly string[]): UserRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.users, ids)
  }

  private completedWorkflowsOf(customerIds: readonly string[]): WorkflowRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.completed, customerIds)
  }

  private openTasksOfCustomers(customerIds: readonly string[]): TaskListRow[] {
    return this.batchRead(CONTEXT_BATCH_SQL.openTasks, customerIds)
  }

  private forecastsOf(customerIds: readonly string[]): ForecastView[] {
    return this.batchRead(CONTEXT_BATCH_SQL.forecasts, customerIds)
  }

  /** One set at a time, each following from the ones before (in-process reads cost no round trip). */
  contextSets(ids: readonly string[]): ContextSets {
    const workflows = this.workflowsByIds(ids)
    const customerIds = [...new Set(workflows.map((w) => w.customer_id))]
    const customers = this.customersByIds(customerIds)
    const completed = this.completedWorkflowsOf(customerIds)
    const steps = this.stepResultsOf([...new Set([...workflows, ...completed].map((w) => w.id))])
    const handovers = this.handoversOf(workflows.map((w) => w.id))
    const people = new Set<string>()
    for (const w of [...workflows, ...completed]) people.add(w.assigned_to)
    for (const c of customers) people.add(c.owner_id)
    for (const h of handovers) people.add(h.from_csm_id)
    return {
      workflows,
      customers,
      completed,
      steps,
      tasks: this.openTasksOfCustomers(customerIds),
      handovers,
      forecasts: this.forecastsOf(customerIds),
      users: this.usersByIds([...people]),
    }
  }

  abstract stepResultsOf(workflowIds: readonly string[]): StepResultRow[]
}
