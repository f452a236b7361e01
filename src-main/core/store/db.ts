import type { AuthTx } from './auth-tx'
import type { IdempotencyTx } from './idempotency-tx'
import type { HandoverTx } from './handover-tx'
import type { ChangeReadsTx } from './change-reads-tx'
import type { AuditTx } from './audit-tx'
import type { RenewalsTx } from './renewals-tx'
import type { ReportsTx } from './reports-tx'
import type { ContextBatchTx } from './context-batch-tx'
import type { SsoTx } from './sso-tx'
import type { HealthTx } from './health-tx'
import type { QueueTx } from './queue-tx'
import type { PlaybooksTx } from './playbooks-tx'
import type {
  TeamWorkflowRow,
  UncoveredRow,
  UserRow,
  ChangeRow,
  ClosedStatus,
  PlanCustomer,
  PlanWorkflow,
  CsmRow,
  CustomerRow,
  StepResultRow,
  TaskListRow,
  TaskRow,
  WorkflowRow,
} from './rows'

/**
 * What the use-cases may ask of a database, whichever engine holds it: SQLite on a desk or a
 * small team, PostgreSQL for a team server. Each engine speaks its own SQL in its own module;
 * every domain rule lives once, above this interface.
 */
export interface Tx
  extends
    AuthTx,
    IdempotencyTx,
    HandoverTx,
    ChangeReadsTx,
    AuditTx,
    RenewalsTx,
    ReportsTx,
    ContextBatchTx,
    SsoTx,
    HealthTx,
    QueueTx,
    PlaybooksTx {
  /** A user (a CSM or an admin), active or not. */
  csm(id: string): Promise<UserRow | undefined>
  /** No users, no accounts, no workflows: the only database the demo may fill. */
  isEmpty(): Promise<boolean>
  /** Puts a workflow to sleep until a day (null: awake). */
  snooze(workflowId: string, until: string | null, reason: string | null): Promise<void>
  /** A workflow; inside a write, `lock` holds its row until the transaction ends, so competing changes wait. */
  workflow(id: string, lock?: boolean): Promise<WorkflowRow | undefined>
  customer(id: string): Promise<CustomerRow | undefined>
  stepResults(workflowId: string): Promise<StepResultRow[]>
  /** Step results of many workflows at once, in step order. */
  stepResultsOf(workflowIds: readonly string[]): Promise<StepResultRow[]>
  markStarted(workflowId: string, startedAt: string): Promise<void>
  insertStepResult(row: StepResultRow): Promise<void>
  markCompleted(row: {
    id: string
    completed_at: string
    completed_by: string
    total_duration: number
    outcome_json: string
  }): Promise<void>
  insertCsm(row: CsmRow): Promise<void>
  insertCustomer(row: CustomerRow): Promise<void>
  insertWorkflow(row: WorkflowRow): Promise<void>
  upsertCsm(row: CsmRow): Promise<void>
  upsertCustomer(row: CustomerRow): Promise<void>
  upsertWorkflow(row: WorkflowRow): Promise<void>
  deleteStepResults(workflowId: string): Promise<void>
  deleteWorkflow(workflowId: string): Promise<void>
  workflowIds(): Promise<string[]>
  activeWorkflowIds(csmId: string): Promise<string[]>
  /** Holds a named lock until the transaction ends (an Idempotency-Key, the demo seed), across every server on the database. */
  lock(name: string): Promise<void>
  /** The customer's completed workflows other than `exceptId`, most recently completed first. */
  earlierWorkflows(customerId: string, exceptId: string): Promise<WorkflowRow[]>
  task(id: string, lock?: boolean): Promise<TaskListRow | undefined>
  /** A CSM's tasks (all, or of one status), soonest due first. */
  tasksOf(csmId: string, status: 'open' | 'done' | null): Promise<TaskListRow[]>
  openTasksOfCustomer(customerId: string): Promise<TaskListRow[]>
  /** Adds a task; one that exists already (a next action recorded again) is left as it is. */
  insertTask(row: TaskRow): Promise<void>
  setTaskStatus(id: string, status: 'open' | 'done', completedAt: string | null): Promise<void>
  deleteTasksOf(csmId: string): Promise<void>
  /** Whether the customer is the user's: they own it or work one of its workflows. */
  worksOnCustomer(userId: string, customerId: string): Promise<boolean>
  /** Logs a change for the user it concerns; it reaches their open event streams once committed. */
  recordChange(change: Omit<ChangeRow, 'seq'>): Promise<void>
  customersByExternalId(externalIds: readonly string[]): Promise<CustomerRow[]>
  /** Inserts or updates many accounts (an import's batch). */
  saveCustomers(rows: readonly CustomerRow[]): Promise<void>
  /** Moves a customer's open workflows to a CSM; returns them as they were. */
  reassignOpenWorkflows(customerId: string, toCsmId: string, at: string): Promise<WorkflowRow[]>
  /** What the renewal planner reads: every account, and its open and completed workflows. */
  planningState(): Promise<{ customers: PlanCustomer[]; workflows: PlanWorkflow[] }>
  insertWorkflows(rows: readonly WorkflowRow[]): Promise<void>
  /** A pending workflow becomes another stage's workflow. */
  retypeWorkflows(changes: readonly { id: string; type: string }[]): Promise<void>
  closeWorkflows(ids: readonly string[], status: ClosedStatus, at: string): Promise<void>
  users(): Promise<UserRow[]>
  /** The user with this email, whatever its case. */
  userByEmail(email: string): Promise<UserRow | undefined>
  insertUser(row: UserRow): Promise<void>
  updateUser(row: UserRow): Promise<void>
  /** Every open workflow, with its account's ARR and renewal date. */
  teamWorkflows(): Promise<TeamWorkflowRow[]>
  /** Completions per CSM since a time. */
  completedSince(since: string): Promise<{ assigned_to: string; n: number }[]>
  /** Active accounts renewing from `from` to `until` with no open workflow. */
  uncoveredAccounts(from: string, until: string): Promise<UncoveredRow[]>
  reassignWorkflow(id: string, toCsmId: string, at: string): Promise<void>
  setOwner(customerId: string, ownerId: string): Promise<void>
  /** Every account one user owns goes to another. */
  transferAccounts(fromUserId: string, toUserId: string): Promise<void>
  /** Runs fn as a nested transaction: its failure undoes only its own changes. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>
}

export interface WriteOptions {
  /** A long job of its own (an import, the planner): it may wait for locks as long as it takes. */
  longRunning?: boolean
}

export interface Db {
  readonly engine: 'sqlite' | 'postgres'
  /** Reads; nothing written meanwhile by this process is half-seen. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /**
   * One transaction: all of fn's changes, or none. On PostgreSQL a write waits at most a few
   * seconds for a row another transaction holds (then 503 SERVER_BUSY with Retry-After), so a
   * long import never stalls every desk's push; `longRunning` work (an import, the planner) waits.
   */
  write<T>(fn: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>
  /** Calls listener after a change is committed, by this process or, on PostgreSQL, any instance. */
  onChange(listener: () => void): () => void
  close(): Promise<void>
}

/** The synchronous twin of Tx: what the SQLite store implements (await works on plain values). */
export type SyncTx = {
  [K in Exclude<keyof Tx, 'savepoint'>]: Tx[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never
}
