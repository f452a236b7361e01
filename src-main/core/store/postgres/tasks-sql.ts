import type { TaskListRow, TaskRow } from '../rows'
import { PgPlaybooksSql } from './playbooks-sql'

/** PostgreSQL's SQL for tasks. */
export abstract class PgTasksSql extends PgPlaybooksSql {
  async task(id: string, lock = false) {
    const sql = `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`
    return (await this.rows<TaskListRow>(sql, [id]))[0]
  }

  tasksOf(csmId: string, status: 'open' | 'done' | null) {
    return this.rows<TaskListRow>(
      `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
       WHERE t.csm_id = $1 AND ($2::text IS NULL OR t.status = $2)
       ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id`,
      [csmId, status],
    )
  }

  openTasksOfCustomer(customerId: string) {
    return this.rows<TaskListRow>(
      `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
       WHERE t.customer_id = $1 AND t.status = 'open' ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id`,
      [customerId],
    )
  }

  insertTask(r: TaskRow) {
    return this.run(
      `INSERT INTO tasks (id, csm_id, customer_id, workflow_id, description, due_date, priority, status, created_at, completed_at, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
      [
        r.id,
        r.csm_id,
        r.customer_id,
        r.workflow_id,
        r.description,
        r.due_date,
        r.priority,
        r.status,
        r.created_at,
        r.completed_at,
        r.kind,
      ],
    )
  }

  setTaskStatus(id: string, status: 'open' | 'done', completedAt: string | null) {
    return this.run('UPDATE tasks SET status = $1, completed_at = $2 WHERE id = $3', [status, completedAt, id])
  }

  deleteTasksOf(csmId: string) {
    return this.run('DELETE FROM tasks WHERE csm_id = $1', [csmId])
  }
}
