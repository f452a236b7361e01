import type pg from 'pg'
import type { Tx } from '../db'
import { PgTasksSql } from './tasks-sql'
import { statementName } from './statement-names'
import { WORKFLOW_COLUMNS, workflowValues } from './workflow-columns'
import { HEALTH_SQL } from '../health-tx'
import type {
  TeamWorkflowRow,
  UncoveredRow,
  UserRow,
  ChangeRow,
  CsmRow,
  ClosedStatus,
  CustomerRow,
  PlanCustomer,
  PlanWorkflow,
  StepResultRow,
  WorkflowRow,
} from '../rows'

/** The NOTIFY channel on which every instance hears of committed changes. */
export const CHANNEL = 'csmdesk_changes'
const CUSTOMER_COLUMNS = `id, name, domain, arr, renewal_date, contract_start, account_plan, owner_id, risk_score,
  health_score, sentiment, ai_summary, insights_json, recommendations_json, data_json, external_id, status`
const CUSTOMER_WIDTH = 17
const params = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')

const customerValues = (r: CustomerRow) => [
  r.id,
  r.name,
  r.domain,
  r.arr,
  r.renewal_date,
  r.contract_start,
  r.account_plan,
  r.owner_id,
  r.risk_score,
  r.health_score,
  r.sentiment,
  r.ai_summary,
  r.insights_json,
  r.recommendations_json,
  r.data_json,
  r.external_id,
  r.status,
]
const userValues = (r: UserRow) => [r.id, r.name, r.email, r.experience, r.role, r.active]
const updateAll = (columns: string) =>
  columns
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')

/** PostgreSQL's SQL for the use-cases; one instance per transaction (or per read, over the pool). */
export class PgTx extends PgTasksSql implements Tx {
  private savepoints = 0
  /** Whether this transaction logged a change (listeners hear of it on commit). */
  changed = false

  constructor(private readonly q: pg.Pool | pg.PoolClient) {
    super()
  }

  protected async rows<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.q.query<R>(sql, values)).rows
  }

  protected async prepared<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    return (await this.q.query<R>({ name: statementName(sql), text: sql, values })).rows
  }

  protected async run(sql: string, values: unknown[] = []): Promise<void> {
    await this.q.query(sql, values)
  }

  async csm(id: string) {
    return (await this.prepared<UserRow>('SELECT * FROM csms WHERE id = $1', [id]))[0]
  }

  async isEmpty() {
    const [row] = await this.rows<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM csms) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM workflows) AS any`,
    )
    return !row!.any
  }

  snooze(workflowId: string, until: string | null, reason: string | null) {
    return this.run('UPDATE workflows SET snoozed_until = $1, snooze_reason = $2 WHERE id = $3', [
      until,
      reason,
      workflowId,
    ])
  }

  async workflow(id: string, lock = false) {
    return (
      await this.prepared<WorkflowRow>(`SELECT * FROM workflows WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
    )[0]
  }

  async customer(id: string) {
    return (await this.prepared<CustomerRow>(HEALTH_SQL.customers('c.id = $1'), [id]))[0]
  }

  stepResults(workflowId: string) {
    return this.prepared<StepResultRow>('SELECT * FROM step_results WHERE workflow_id = $1 ORDER BY position', [
      workflowId,
    ])
  }

  stepResultsOf(workflowIds: readonly string[]) {
    return this.prepared<StepResultRow>(
      'SELECT * FROM step_results WHERE workflow_id = ANY($1) ORDER BY workflow_id, position',
      [workflowIds],
    )
  }

  async markStarted(workflowId: string, startedAt: string) {
    await this.prepared(
      "UPDATE workflows SET status = 'in_progress', started_at = $1 WHERE id = $2 AND status = 'pending'",
      [startedAt, workflowId],
    )
  }

  async insertStepResult(r: StepResultRow) {
    await this.prepared(
      `INSERT INTO step_results (workflow_id, position, step_id, status, completed_at, duration, outputs_json, completed_by, reason)
       VALUES (${params(9)})`,
      [
        r.workflow_id,
        r.position,
        r.step_id,
        r.status,
        r.completed_at,
        r.duration,
        r.outputs_json,
        r.completed_by,
        r.reason,
      ],
    )
  }

  markCompleted(r: {
    id: string
    completed_at: string
    completed_by: string
    total_duration: number
    outcome_json: string
  }) {
    return this.run(
      `UPDATE workflows SET status = 'completed', completed_at = $1, completed_by = $2, total_duration = $3, outcome_json = $4
       WHERE id = $5 AND status = 'in_progress'`,
      [r.completed_at, r.completed_by, r.total_duration, r.outcome_json, r.id],
    )
  }

  insertCsm(r: CsmRow) {
    return this.run('INSERT INTO csms (id, name, email, experience, role) VALUES ($1, $2, $3, $4, $5)', [
      r.id,
      r.name,
      r.email,
      r.experience,
      r.role,
    ])
  }

  insertCustomer(r: CustomerRow) {
    return this.run(`INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES (${params(CUSTOMER_WIDTH)})`, customerValues(r))
  }

  insertWorkflow(r: WorkflowRow) {
    return this.run(`INSERT INTO workflows (${WORKFLOW_COLUMNS}) VALUES (${params(15)})`, workflowValues(r))
  }

  upsertCsm(r: CsmRow) {
    return this.run(
      `INSERT INTO csms (id, name, email, experience, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, experience = EXCLUDED.experience`,
      [r.id, r.name, r.email, r.experience, r.role],
    )
  }

  upsertCustomer(r: CustomerRow) {
    return this.run(
      `INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES (${params(CUSTOMER_WIDTH)}) ON CONFLICT (id) DO UPDATE SET ${updateAll(CUSTOMER_COLUMNS)}`,
      customerValues(r),
    )
  }

  upsertWorkflow(r: WorkflowRow) {
    return this.run(
      `INSERT INTO workflows (${WORKFLOW_COLUMNS}) VALUES (${params(15)}) ON CONFLICT (id) DO UPDATE SET ${updateAll(WORKFLOW_COLUMNS)}`,
      workflowValues(r),
    )
  }

  deleteStepResults(workflowId: string) {
    return this.run('DELETE FROM step_results WHERE workflow_id = $1', [workflowId])
  }

  async deleteWorkflow(workflowId: string) {
    await this.deleteStepResults(workflowId)
    await this.deleteHandoversOf(workflowId)
    await this.run('DELETE FROM workflows WHERE id = $1', [workflowId])
  }

  async workflowIds() {
    return (await this.rows<{ id: string }>('SELECT id FROM workflows ORDER BY id')).map((r) => r.id)
  }

  async activeWorkflowIds(csmId: string) {
    const rows = await this.prepared<{ id: string }>(
      "SELECT id FROM workflows WHERE assigned_to = $1 AND status IN ('pending', 'in_progress')",
      [csmId],
    )
    return rows.map((r) => r.id)
  }

  async lock(name: string) {
    await this.prepared('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name])
  }

  earlierWorkflows(customerId: string, exceptId: string) {
    return this.rows<WorkflowRow>(
      `SELECT * FROM workflows WHERE customer_id = $1 AND id <> $2 AND status = 'completed'
       ORDER BY completed_at DESC, id`,
      [customerId, exceptId],
    )
  }

  async worksOnCustomer(userId: string, customerId: string) {
    const [row] = await this.rows<{ yes: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1 AND owner_id = $2)
         OR EXISTS (SELECT 1 FROM workflows WHERE customer_id = $1 AND assigned_to = $2) AS yes`,
      [customerId, userId],
    )
    return row!.yes
  }

  /** The transaction's first change also notifies every instance (delivered on commit), in the same round trip. */
  async recordChange(c: Omit<ChangeRow, 'seq'>) {
    const insert = 'INSERT INTO changes (user_id, type, workflow_id, customer_id, at) VALUES ($1, $2, $3, $4, $5)'
    const values = [c.user_id, c.type, c.workflow_id, c.customer_id, c.at]
    await this.prepared(this.changed ? insert : `WITH change AS (${insert}) SELECT pg_notify('${CHANNEL}', '')`, values)
    this.changed = true
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`
    await this.run(`SAVEPOINT ${name}`)
    try {
      const result = await fn()
      await this.run(`RELEASE SAVEPOINT ${name}`)
      return result
    } catch (error) {
      await this.run(`ROLLBACK TO SAVEPOINT ${name}`)
      throw error
    } finally {
      this.savepoints--
    }
  }

  customersByExternalId(externalIds: readonly string[]) {
    return this.rows<CustomerRow>('SELECT * FROM customers WHERE external_id = ANY($1::text[])', [externalIds])
  }

  async saveCustomers(rows: readonly CustomerRow[]) {
    // Many rows a statement: an import of 50,000 accounts is 100 round trips, not 50,000.
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500)
      const values = batch.flatMap(customerValues)
      const tuples = batch.map(
        (_, r) => `(${Array.from({ length: CUSTOMER_WIDTH }, (_, c) => `$${r * CUSTOMER_WIDTH + c + 1}`).join(', ')})`,
      )
      await this.run(
        `INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO UPDATE SET ${updateAll(CUSTOMER_COLUMNS)}`,
        values,
      )
    }
  }

  async reassignOpenWorkflows(customerId: string, toCsmId: string, at: string) {
    const before = await this.rows<WorkflowRow>(
      "SELECT * FROM workflows WHERE customer_id = $1 AND status IN ('pending', 'in_progress') ORDER BY id FOR UPDATE",
      [customerId],
    )
    await this.run(
      "UPDATE workflows SET assigned_to = $1, assigned_at = $2 WHERE customer_id = $3 AND status IN ('pending', 'in_progress')",
      [toCsmId, at, customerId],
    )
    return before
  }

  async planningState() {
    return {
      customers: await this
        .rows<PlanCustomer>(`SELECT c.id, c.renewal_date, c.owner_id, c.status, o.active AS owner_active
         FROM customers c JOIN csms o ON o.id = c.owner_id`),
      workflows: await this.rows<PlanWorkflow>(
        `SELECT id, customer_id, type, status, renewal_date, assigned_to FROM workflows
         WHERE status IN ('pending', 'in_progress', 'completed') AND due_date IS NULL`,
      ),
    }
  }

  async insertWorkflows(rows: readonly WorkflowRow[]) {
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000)
      const values = batch.flatMap(workflowValues)
      const tuples = batch.map((_, r) => `(${Array.from({ length: 15 }, (_, c) => `$${r * 15 + c + 1}`).join(', ')})`)
      await this.run(`INSERT INTO workflows (${WORKFLOW_COLUMNS}) VALUES ${tuples.join(', ')}`, values)
    }
  }

  async retypeWorkflows(changes: readonly { id: string; type: string }[]) {
    if (!changes.length) return
    await this.run(
      `UPDATE workflows w SET type = c.type FROM unnest($1::text[], $2::text[]) AS c(id, type)
       WHERE w.id = c.id AND w.status = 'pending'`,
      [changes.map((c) => c.id), changes.map((c) => c.type)],
    )
  }

  async closeWorkflows(ids: readonly string[], status: ClosedStatus, at: string) {
    if (!ids.length) return
    await this.run(
      "UPDATE workflows SET status = $1, closed_at = $2 WHERE id = ANY($3::text[]) AND status IN ('pending', 'in_progress')",
      [status, at, ids],
    )
  }

  users() {
    return this.rows<UserRow>('SELECT * FROM csms ORDER BY name, id')
  }

  async userByEmail(email: string) {
    return (await this.rows<UserRow>('SELECT * FROM csms WHERE lower(email) = lower($1)', [email]))[0]
  }

  insertUser(r: UserRow) {
    return this.run(
      'INSERT INTO csms (id, name, email, experience, role, active) VALUES ($1, $2, $3, $4, $5, $6)',
      userValues(r),
    )
  }

  updateUser(r: UserRow) {
    return this.run(
      'UPDATE csms SET name = $2, email = $3, experience = $4, role = $5, active = $6 WHERE id = $1',
      userValues(r),
    )
  }

  teamWorkflows() {
    return this.rows<TeamWorkflowRow>(
      `SELECT w.assigned_to, w.status, c.arr, c.renewal_date, w.snoozed_until
       FROM workflows w JOIN customers c ON c.id = w.customer_id WHERE w.status IN ('pending', 'in_progress')`,
    )
  }

  completedSince(since: string) {
    return this.rows<{ assigned_to: string; n: number }>(
      "SELECT assigned_to, count(*) AS n FROM workflows WHERE status = 'completed' AND completed_at >= $1 GROUP BY assigned_to",
      [since],
    )
  }

  uncoveredAccounts(from: string, until: string) {
    return this.rows<UncoveredRow>(
      `SELECT c.id, c.name, c.arr, c.renewal_date, c.owner_id, o.name AS owner_name
       FROM customers c JOIN csms o ON o.id = c.owner_id
       WHERE c.status = 'active' AND c.renewal_date >= $1 AND c.renewal_date <= $2
         AND NOT EXISTS (SELECT 1 FROM workflows w WHERE w.customer_id = c.id AND w.status IN ('pending', 'in_progress'))
       ORDER BY c.renewal_date, c.name`,
      [from, until],
    )
  }

  reassignWorkflow(id: string, toCsmId: string, at: string) {
    return this.run('UPDATE workflows SET assigned_to = $2, assigned_at = $3 WHERE id = $1', [id, toCsmId, at])
  }

  setOwner(customerId: string, ownerId: string) {
    return this.run('UPDATE customers SET owner_id = $2 WHERE id = $1', [customerId, ownerId])
  }

  transferAccounts(fromUserId: string, toUserId: string) {
    return this.run('UPDATE customers SET owner_id = $2 WHERE owner_id = $1', [fromUserId, toUserId])
  }
}
