import { HEALTH_SQL } from './health-tx'
import type { HandoverRow } from './handover-tx'
import type { StatusCounts, StatusDay } from './queue-tx'
import type { CustomerRow, ForecastView, StepResultRow, TaskListRow, UserRow, WorkflowRow } from './rows'

/**
 * Set-based reads for many workflows' contexts at once (a desk's first sync): a few statements
 * for a batch instead of several per workflow. Each keeps the order its one-at-a-time twin has.
 */
export interface ContextBatchTx {
  /** Everything the contexts of these workflows read (on PostgreSQL in one statement). */
  contextSets(ids: readonly string[]): Promise<ContextSets>
  /**
   * A page of the CSM's book (see `bookPageOf`), what its contexts read and the CSM's counts on
   * `day` (on PostgreSQL in one statement: a desk's first sync is one round trip, not three).
   */
  bookSets(csmId: string, after: string | null, size: number, day: StatusDay): Promise<BookSets>
}

/** A page of a CSM's book with everything its contexts are built from. */
export interface BookSets {
  page: string[]
  next: string | null
  sets: ContextSets
  counts: StatusCounts
}

/**
 * Which of a CSM's active workflows a book page holds: those after `after`, in JavaScript's
 * string order, at most `size`; `next` is the page's last id when more follow.
 */
export function bookPageOf(
  active: readonly string[],
  after: string | null,
  size: number,
): { page: string[]; next: string | null } {
  const ids = active.filter((id) => after === null || id > after).sort()
  const page = ids.slice(0, size)
  return { page, next: ids.length > size ? page[page.length - 1]! : null }
}

/** The rows many contexts are built from, each set in the order its one-at-a-time read has. */
export interface ContextSets {
  workflows: WorkflowRow[]
  customers: CustomerRow[]
  /** The customers' completed workflows (their history). */
  completed: WorkflowRow[]
  /** Steps of the workflows and of the completed ones. */
  steps: StepResultRow[]
  tasks: TaskListRow[]
  handovers: HandoverRow[]
  forecasts: ForecastView[]
  /** Assignees, owners, earlier assignees and whoever handed a workflow over. */
  users: UserRow[]
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
