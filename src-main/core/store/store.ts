import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { MIGRATIONS } from './migrations'
import { SqlitePlaybooksSql } from './playbooks-sql'
import { HEALTH_SQL } from './health-tx'
import type { SyncTx } from './db'
import type {
  TeamWorkflowRow,
  UncoveredRow,
  UserRow,
  ChangeRow,
  CsmRow,
  TaskListRow,
  TaskRow,
  CustomerRow,
  ClosedStatus,
  OutboxRow,
  PlanCustomer,
  PlanWorkflow,
  StepResultRow,
  WorkflowRow,
} from './rows'

export * from './rows'

export interface OpenOptions {
  /** Native addon path for hosts whose ABI differs from Node's (Electron); see docs/scripts.md. */
  nativeBinding?: string
  now?: () => Date
}

/**
 * The SQLite engine's SQL: every statement prepared once. The use-cases reach it as a `Tx`
 * through `SqliteDb`; the desk's sync engine also uses its outbox and sync-state statements.
 */
export class Store extends SqlitePlaybooksSql implements SyncTx {
  private savepoints = 0
  /** How many changes this connection has logged; SqliteDb tells listeners when it grows. */
  changesLogged = 0
  readonly db: Database.Database
  readonly schemaVersion: number
  private readonly stmts

  constructor(path: string, options: OpenOptions = {}) {
    super()
    this.db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    try {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('foreign_keys = ON')
      this.db.pragma('synchronous = NORMAL')
      this.db.pragma('busy_timeout = 5000')
      this.schemaVersion = migrate(this.db, MIGRATIONS, options.now ?? (() => new Date()))
      // Statistics for the query planner, refreshed where they are missing or stale (SQLite's advice for
      // long-lived connections: at open, hourly, and at close); without them a report can take a slow plan.
      // Each table's analysis reads a bounded sample, so neither opening nor closing a large book waits on it.
      this.db.pragma('analysis_limit = 1000')
      this.db.pragma('optimize=0x10002')
    } catch (error) {
      this.db.close()
      throw error
    }
    this.stmts = this.prepare()
  }

  private prepare() {
    const db = this.db
    return {
      csm: db.prepare<[string], UserRow>('SELECT * FROM csms WHERE id = ?'),
      anyData: db
        .prepare<[], number>(
          `SELECT EXISTS (SELECT 1 FROM csms) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM workflows)`,
        )
        .pluck(),
      snooze: db.prepare<[string | null, string | null, string]>(
        'UPDATE workflows SET snoozed_until = ?, snooze_reason = ? WHERE id = ?',
      ),
      workflow: db.prepare<[string], WorkflowRow>('SELECT * FROM workflows WHERE id = ?'),
      customer: db.prepare<[string], CustomerRow>(HEALTH_SQL.customers('c.id = ?')),
      stepResults: db.prepare<[string], StepResultRow>(
        'SELECT * FROM step_results WHERE workflow_id = ? ORDER BY position',
      ),
      stepResultsOf: db.prepare<[string], StepResultRow>(
        'SELECT * FROM step_results WHERE workflow_id IN (SELECT value FROM json_each(?)) ORDER BY workflow_id, position',
      ),
      start: db.prepare<[string, string]>(
        "UPDATE workflows SET status = 'in_progress', started_at = ? WHERE id = ? AND status = 'pending'",
      ),
      insertStep: db.prepare<StepResultRow>(
        `INSERT INTO step_results (workflow_id, position, step_id, status, completed_at, duration, outputs_json, completed_by, reason)
         VALUES (@workflow_id, @position, @step_id, @status, @completed_at, @duration, @outputs_json, @completed_by, @reason)`,
      ),
      complete: db.prepare<{
        id: string
        completed_at: string
        completed_by: string
        total_duration: number
        outcome_json: string
      }>(
        `UPDATE workflows SET status = 'completed', completed_at = @completed_at, completed_by = @completed_by,
           total_duration = @total_duration, outcome_json = @outcome_json
         WHERE id = @id AND status = 'in_progress'`,
      ),
      outboxAdd: db.prepare<Pick<OutboxRow, 'id' | 'workflow_id' | 'kind' | 'path' | 'body_json' | 'created_at'>>(
        `INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at)
         VALUES (@id, @workflow_id, @kind, @path, @body_json, @created_at)`,
      ),
      outboxAll: db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY seq'),
      outboxGet: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
      outboxCounts: db.prepare<[], { pending: number; rejected: number }>(
        `SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'rejected') AS rejected FROM outbox`,
      ),
      outboxDelete: db.prepare<[string]>('DELETE FROM outbox WHERE id = ?'),
      outboxFailed: db.prepare<[string, string]>(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?',
      ),
      outboxReject: db.prepare<[string, string, string]>(
        "UPDATE outbox SET status = 'rejected', attempts = attempts + 1, last_error = ?, rejection_json = ? WHERE id = ?",
      ),
      outboxRetry: db.prepare<[string]>(
        "UPDATE outbox SET status = 'pending', last_error = NULL, rejection_json = NULL WHERE id = ?",
      ),
      changeAdd: db.prepare<[string, string, string | null, string | null, string]>(
        'INSERT INTO changes (user_id, type, workflow_id, customer_id, at) VALUES (?, ?, ?, ?, ?)',
      ),
      earlier: db.prepare<[string, string], WorkflowRow>(
        `SELECT * FROM workflows WHERE customer_id = ? AND id <> ? AND status = 'completed'
         ORDER BY completed_at DESC, id`,
      ),
      task: db.prepare<[string], TaskListRow>(
        'SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?',
      ),
      tasksOf: db.prepare<[string, string | null, string | null], TaskListRow>(
        `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
         WHERE t.csm_id = ? AND (? IS NULL OR t.status = ?)
         ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id`,
      ),
      openTasksOfCustomer: db.prepare<[string], TaskListRow>(
        `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
         WHERE t.customer_id = ? AND t.status = 'open' ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id`,
      ),
      insertTask: db.prepare<TaskRow>(
        `INSERT INTO tasks (id, csm_id, customer_id, workflow_id, description, due_date, priority, status, created_at, completed_at, kind)
         VALUES (@id, @csm_id, @customer_id, @workflow_id, @description, @due_date, @priority, @status, @created_at, @completed_at, @kind)
         ON CONFLICT (id) DO NOTHING`,
      ),
      setTaskStatus: db.prepare<[string, string | null, string]>(
        'UPDATE tasks SET status = ?, completed_at = ? WHERE id = ?',
      ),
      deleteTasksOf: db.prepare<[string]>('DELETE FROM tasks WHERE csm_id = ?'),
      worksOn: db.prepare<[string, string, string, string], { yes: number }>(
        `SELECT EXISTS (SELECT 1 FROM customers WHERE id = ? AND owner_id = ?)
           OR EXISTS (SELECT 1 FROM workflows WHERE customer_id = ? AND assigned_to = ?) AS yes`,
      ),
      stateGet: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
      stateSet: db.prepare<[string, string]>(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      upsertCsm: db.prepare<CsmRow>(
        `INSERT INTO csms (id, name, email, experience, role) VALUES (@id, @name, @email, @experience, @role)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, experience = excluded.experience`,
      ),
      upsertCustomer: db.prepare<CustomerRow>(
        `INSERT INTO customers (id, name, domain, arr, renewal_date, contract_start, account_plan, owner_id, risk_score,
           health_score, sentiment, ai_summary, insights_json, recommendations_json, data_json, external_id, status)
         VALUES (@id, @name, @domain, @arr, @renewal_date, @contract_start, @account_plan, @owner_id, @risk_score,
           @health_score, @sentiment, @ai_summary, @insights_json, @recommendations_json, @data_json, @external_id, @status)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, domain = excluded.domain, arr = excluded.arr,
           renewal_date = excluded.renewal_date, contract_start = excluded.contract_start,
           account_plan = excluded.account_plan, owner_id = excluded.owner_id, risk_score = excluded.risk_score,
           health_score = excluded.health_score, sentiment = excluded.sentiment, ai_summary = excluded.ai_summary,
           insights_json = excluded.insights_json, recommendations_json = excluded.recommendations_json,
           data_json = excluded.data_json, external_id = excluded.external_id, status = excluded.status`,
      ),
      upsertWorkflow: db.prepare<WorkflowRow>(
        `INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at, started_at, completed_at,
           completed_by, total_duration, outcome_json, snoozed_until, snooze_reason, renewal_date, closed_at)
         VALUES (@id, @customer_id, @type, @assigned_to, @status, @assigned_at, @started_at, @completed_at,
           @completed_by, @total_duration, @outcome_json, @snoozed_until, @snooze_reason, @renewal_date, @closed_at)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, type = excluded.type,
           assigned_to = excluded.assigned_to, status = excluded.status, assigned_at = excluded.assigned_at,
           started_at = excluded.started_at, completed_at = excluded.completed_at, completed_by = excluded.completed_by,
           total_duration = excluded.total_duration, outcome_json = excluded.outcome_json,
           snoozed_until = excluded.snoozed_until, snooze_reason = excluded.snooze_reason,
           renewal_date = excluded.renewal_date, closed_at = excluded.closed_at`,
      ),
      deleteStepResults: db.prepare<[string]>('DELETE FROM step_results WHERE workflow_id = ?'),
      ensureUser: db.prepare<[string, string, string, string]>(
        "INSERT OR IGNORE INTO csms (id, name, email, experience, role) VALUES (?, ?, ?, 'mid', ?)",
      ),
      users: db.prepare<[], UserRow>('SELECT * FROM csms ORDER BY name, id'),
      userByEmail: db.prepare<[string], UserRow>('SELECT * FROM csms WHERE lower(email) = lower(?)'),
      insertUser: db.prepare<UserRow>(
        'INSERT INTO csms (id, name, email, experience, role, active) VALUES (@id, @name, @email, @experience, @role, @active)',
      ),
      updateUser: db.prepare<UserRow>(
        'UPDATE csms SET name = @name, email = @email, experience = @experience, role = @role, active = @active WHERE id = @id',
      ),
      teamWorkflows: db.prepare<[], TeamWorkflowRow>(
        `SELECT w.assigned_to, w.status, c.arr, c.renewal_date, w.snoozed_until
         FROM workflows w JOIN customers c ON c.id = w.customer_id WHERE w.status IN ('pending', 'in_progress')`,
      ),
      completedSince: db.prepare<[string], { assigned_to: string; n: number }>(
        "SELECT assigned_to, count(*) AS n FROM workflows WHERE status = 'completed' AND completed_at >= ? GROUP BY assigned_to",
      ),
      uncovered: db.prepare<[string, string], UncoveredRow>(
        `SELECT c.id, c.name, c.arr, c.renewal_date, c.owner_id, o.name AS owner_name
         FROM customers c JOIN csms o ON o.id = c.owner_id
         WHERE c.status = 'active' AND c.renewal_date >= ? AND c.renewal_date <= ?
           AND NOT EXISTS (SELECT 1 FROM workflows w WHERE w.customer_id = c.id AND w.status IN ('pending', 'in_progress'))
         ORDER BY c.renewal_date, c.name`,
      ),
      reassign: db.prepare<[string, string, string]>(
        'UPDATE workflows SET assigned_to = ?, assigned_at = ? WHERE id = ?',
      ),
      setOwner: db.prepare<[string, string]>('UPDATE customers SET owner_id = ? WHERE id = ?'),
      transferAccounts: db.prepare<[string, string]>('UPDATE customers SET owner_id = ? WHERE owner_id = ?'),
      customersByExternalId: db.prepare<[string], CustomerRow>(
        'SELECT * FROM customers WHERE external_id IN (SELECT value FROM json_each(?))',
      ),
      openWorkflowsOf: db.prepare<[string], WorkflowRow>(
        "SELECT * FROM workflows WHERE customer_id = ? AND status IN ('pending', 'in_progress') ORDER BY id",
      ),
      reassignOpen: db.prepare<[string, string, string]>(
        "UPDATE workflows SET assigned_to = ?, assigned_at = ? WHERE customer_id = ? AND status IN ('pending', 'in_progress')",
      ),
      planCustomers: db.prepare<
        [],
        PlanCustomer
      >(`SELECT c.id, c.renewal_date, c.owner_id, c.status, o.active AS owner_active
         FROM customers c JOIN csms o ON o.id = c.owner_id`),
      planWorkflows: db.prepare<[], PlanWorkflow>(
        `SELECT id, customer_id, type, status, renewal_date, assigned_to FROM workflows
         WHERE status IN ('pending', 'in_progress', 'completed') AND due_date IS NULL`,
      ),
      retype: db.prepare<[string, string]>("UPDATE workflows SET type = ? WHERE id = ? AND status = 'pending'"),
      close: db.prepare<[string, string, string]>(
        "UPDATE workflows SET status = ?, closed_at = ? WHERE id = ? AND status IN ('pending', 'in_progress')",
      ),
      deleteWorkflow: db.prepare<[string]>('DELETE FROM workflows WHERE id = ?'),
      allIds: db.prepare<[], { id: string }>('SELECT id FROM workflows ORDER BY id'),
      activeIds: db.prepare<[string], { id: string }>(
        "SELECT id FROM workflows WHERE assigned_to = ? AND status IN ('pending', 'in_progress')",
      ),
      insertCsm: db.prepare<CsmRow>(
        'INSERT INTO csms (id, name, email, experience, role) VALUES (@id, @name, @email, @experience, @role)',
      ),
      insertCustomer: db.prepare<CustomerRow>(
        `INSERT INTO customers (id, name, domain, arr, renewal_date, contract_start, account_plan, owner_id, risk_score,
           health_score, sentiment, ai_summary, insights_json, recommendations_json, data_json, external_id, status)
         VALUES (@id, @name, @domain, @arr, @renewal_date, @contract_start, @account_plan, @owner_id, @risk_score,
           @health_score, @sentiment, @ai_summary, @insights_json, @recommendations_json, @data_json, @external_id, @status)`,
      ),
      insertWorkflow: db.prepare<WorkflowRow>(
        `INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at, started_at, completed_at,
           completed_by, total_duration, outcome_json, snoozed_until, snooze_reason, renewal_date, closed_at)
         VALUES (@id, @customer_id, @type, @assigned_to, @status, @assigned_at, @started_at, @completed_at,
           @completed_by, @total_duration, @outcome_json, @snoozed_until, @snooze_reason, @renewal_date, @closed_at)`,
      ),
    }
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`
    this.db.exec(`SAVEPOINT ${name}`)
    try {
      const result = await fn()
      this.db.exec(`RELEASE ${name}`)
      return result
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`)
      this.db.exec(`RELEASE ${name}`)
      throw error
    } finally {
      this.savepoints--
    }
  }

  csm(id: string): UserRow | undefined {
    return this.stmts.csm.get(id)
  }

  isEmpty(): boolean {
    return this.stmts.anyData.get() === 0
  }

  /** The CSM's pending and in-progress workflows, unordered. */
  snooze(workflowId: string, until: string | null, reason: string | null): void {
    this.stmts.snooze.run(until, reason, workflowId)
  }

  /** `lock` is for PostgreSQL: a SQLite write already holds the whole database. */
  workflow(id: string, _lock?: boolean): WorkflowRow | undefined {
    return this.stmts.workflow.get(id)
  }

  stepResultsOf(workflowIds: readonly string[]): StepResultRow[] {
    return this.stmts.stepResultsOf.all(JSON.stringify(workflowIds))
  }

  lock(_name: string): void {}

  customer(id: string): CustomerRow | undefined {
    return this.stmts.customer.get(id)
  }

  stepResults(workflowId: string): StepResultRow[] {
    return this.stmts.stepResults.all(workflowId)
  }

  markStarted(workflowId: string, startedAt: string): void {
    expectOneRow(this.stmts.start.run(startedAt, workflowId), `start ${workflowId}`)
  }

  insertStepResult(row: StepResultRow): void {
    this.stmts.insertStep.run(row)
  }

  markCompleted(row: {
    id: string
    completed_at: string
    completed_by: string
    total_duration: number
    outcome_json: string
  }): void {
    expectOneRow(this.stmts.complete.run(row), `complete ${row.id}`)
  }

  insertCsm(row: CsmRow): void {
    this.stmts.insertCsm.run(row)
  }

  insertCustomer(row: CustomerRow): void {
    this.stmts.insertCustomer.run(row)
  }

  insertWorkflow(row: WorkflowRow): void {
    this.stmts.insertWorkflow.run(row)
  }

  addToOutbox(row: Pick<OutboxRow, 'id' | 'workflow_id' | 'kind' | 'path' | 'body_json' | 'created_at'>): void {
    this.stmts.outboxAdd.run(row)
  }

  outbox(): OutboxRow[] {
    return this.stmts.outboxAll.all()
  }

  outboxEntry(id: string): OutboxRow | undefined {
    return this.stmts.outboxGet.get(id)
  }

  outboxCounts(): { pending: number; rejected: number } {
    return this.stmts.outboxCounts.get()!
  }

  removeFromOutbox(id: string): void {
    this.stmts.outboxDelete.run(id)
  }

  outboxAttemptFailed(id: string, error: string): void {
    this.stmts.outboxFailed.run(error, id)
  }

  rejectOutboxEntry(id: string, error: string, rejectionJson: string): void {
    this.stmts.outboxReject.run(error, rejectionJson, id)
  }

  retryOutboxEntry(id: string): void {
    this.stmts.outboxRetry.run(id)
  }

  earlierWorkflows(customerId: string, exceptId: string): WorkflowRow[] {
    return this.stmts.earlier.all(customerId, exceptId)
  }

  task(id: string, _lock?: boolean): TaskListRow | undefined {
    return this.stmts.task.get(id)
  }

  tasksOf(csmId: string, status: 'open' | 'done' | null): TaskListRow[] {
    return this.stmts.tasksOf.all(csmId, status, status)
  }

  openTasksOfCustomer(customerId: string): TaskListRow[] {
    return this.stmts.openTasksOfCustomer.all(customerId)
  }

  insertTask(row: TaskRow): void {
    this.stmts.insertTask.run(row)
  }

  setTaskStatus(id: string, status: 'open' | 'done', completedAt: string | null): void {
    this.stmts.setTaskStatus.run(status, completedAt, id)
  }

  deleteTasksOf(csmId: string): void {
    this.stmts.deleteTasksOf.run(csmId)
  }

  worksOnCustomer(userId: string, customerId: string): boolean {
    return this.stmts.worksOn.get(customerId, userId, customerId, userId)!.yes === 1
  }

  recordChange(c: Omit<ChangeRow, 'seq'>): void {
    this.stmts.changeAdd.run(c.user_id, c.type, c.workflow_id, c.customer_id, c.at)
    this.changesLogged++
  }

  syncValue(key: string): string | undefined {
    return this.stmts.stateGet.get(key)?.value
  }

  setSyncValue(key: string, value: string): void {
    this.stmts.stateSet.run(key, value)
  }

  upsertCsm(row: CsmRow): void {
    this.stmts.upsertCsm.run(row)
  }

  upsertCustomer(row: CustomerRow): void {
    this.stmts.upsertCustomer.run(row)
  }

  upsertWorkflow(row: WorkflowRow): void {
    this.stmts.upsertWorkflow.run(row)
  }

  deleteStepResults(workflowId: string): void {
    this.stmts.deleteStepResults.run(workflowId)
  }

  deleteWorkflow(workflowId: string): void {
    this.stmts.deleteStepResults.run(workflowId)
    this.deleteHandoversOf(workflowId)
    this.stmts.deleteWorkflow.run(workflowId)
  }

  workflowIds(): string[] {
    return this.stmts.allIds.all().map((r) => r.id)
  }

  activeWorkflowIds(csmId: string): string[] {
    return this.stmts.activeIds.all(csmId).map((r) => r.id)
  }

  customersByExternalId(externalIds: readonly string[]): CustomerRow[] {
    return this.stmts.customersByExternalId.all(JSON.stringify(externalIds))
  }

  saveCustomers(rows: readonly CustomerRow[]): void {
    for (const row of rows) this.stmts.upsertCustomer.run(row)
  }

  reassignOpenWorkflows(customerId: string, toCsmId: string, at: string): WorkflowRow[] {
    const before = this.stmts.openWorkflowsOf.all(customerId)
    this.stmts.reassignOpen.run(toCsmId, at, customerId)
    return before
  }

  planningState(): { customers: PlanCustomer[]; workflows: PlanWorkflow[] } {
    return { customers: this.stmts.planCustomers.all(), workflows: this.stmts.planWorkflows.all() }
  }

  insertWorkflows(rows: readonly WorkflowRow[]): void {
    for (const row of rows) this.stmts.insertWorkflow.run(row)
  }

  retypeWorkflows(changes: readonly { id: string; type: string }[]): void {
    for (const { id, type } of changes) this.stmts.retype.run(type, id)
  }

  closeWorkflows(ids: readonly string[], status: ClosedStatus, at: string): void {
    for (const id of ids) this.stmts.close.run(status, at, id)
  }

  /** How much the CSM did on this desk: steps, started or closed workflows, tasks, snoozes. */
  workDone(): number {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM step_results) + (SELECT count(*) FROM tasks)
           + (SELECT count(*) FROM workflows WHERE status <> 'pending' OR snoozed_until IS NOT NULL) AS n`,
      )
      .pluck()
      .get() as number
  }

  /** Removes every account, workflow, task and user: the demo book, before the team's data arrives. */
  clearBook(): void {
    this.db.exec(`
      DELETE FROM outbox; DELETE FROM changes; DELETE FROM tasks; DELETE FROM step_results;
      DELETE FROM handovers; DELETE FROM former_assignees;
      DELETE FROM workflows; DELETE FROM customers; DELETE FROM credentials; DELETE FROM csms;
    `)
  }

  /**
   * A desk's user, known before the first pull brings their name (their local tokens need the
   * row). A user already here keeps their role: a remote answer never sets a local role.
   */
  ensureUser(user: { id: string; email: string; role: string }): void {
    this.stmts.ensureUser.run(user.id, user.email, user.email, user.role)
  }

  users(): UserRow[] {
    return this.stmts.users.all()
  }

  userByEmail(email: string): UserRow | undefined {
    return this.stmts.userByEmail.get(email)
  }

  insertUser(row: UserRow): void {
    this.stmts.insertUser.run(row)
  }

  updateUser(row: UserRow): void {
    this.stmts.updateUser.run(row)
  }

  teamWorkflows(): TeamWorkflowRow[] {
    return this.stmts.teamWorkflows.all()
  }

  completedSince(since: string): { assigned_to: string; n: number }[] {
    return this.stmts.completedSince.all(since)
  }

  uncoveredAccounts(from: string, until: string): UncoveredRow[] {
    return this.stmts.uncovered.all(from, until)
  }

  reassignWorkflow(id: string, toCsmId: string, at: string): void {
    this.stmts.reassign.run(toCsmId, at, id)
  }

  setOwner(customerId: string, ownerId: string): void {
    this.stmts.setOwner.run(ownerId, customerId)
  }

  transferAccounts(fromUserId: string, toUserId: string): void {
    this.stmts.transferAccounts.run(toUserId, fromUserId)
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string
  }

  /** Refreshes the query planner's statistics of tables that changed a lot (cheap when none did). */
  optimize(): void {
    if (this.db.open) this.db.pragma('optimize')
  }

  close(): void {
    this.optimize()
    if (this.db.open) this.db.close()
  }
}

function expectOneRow(result: Database.RunResult, what: string): void {
  if (result.changes !== 1) throw new Error(`Store: ${what} changed ${result.changes} rows`)
}
