import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Task } from '../api/types'
import type { Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import type { TaskListRow, TaskRow } from '../store/rows'
import type { LocalChange } from '../store/rows'

const isoDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' })
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' })

const createBody = z.strictObject({
  /** A desk names the task itself, so its offline change and the server's copy are one task. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9._-]{8,200}$/, 'must be 8 to 200 letters, digits, ".", "-" or "_"')
    .optional(),
  customerId: z.string().min(1).max(200),
  description: z.string().trim().min(1, 'must not be empty').max(1000),
  dueDate: isoDate.nullable().optional(),
  priority: z.enum(['high', 'medium', 'low']).nullable().optional(),
  createdAt: isoTime.optional(),
})
const doneBody = z.strictObject({
  completedAt: isoTime.optional(),
  /** The task as the desk saw it: another task under the same id (another device's step) is a 409. */
  description: z.string().max(2000).optional(),
})
const listQuery = z.enum(['open', 'done']).optional()

export function toTask(row: TaskListRow): Task {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    workflowId: row.workflow_id,
    description: row.description,
    dueDate: row.due_date,
    priority: row.priority,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    kind: row.kind,
  }
}

/**
 * The tasks a step's next actions become: one per action, with an id made of the workflow, the
 * step and its place, so a desk and the server make the same task from the same step.
 */
export function nextActionTasks(
  step: { workflowId: string; stepId: string; customerId: string; csmId: string; completedAt: string },
  actions: readonly { type?: string; description: string; dueDate?: string; priority?: 'high' | 'medium' | 'low' }[],
): TaskRow[] {
  return actions.map((action, index) => ({
    id: `${step.workflowId}.${step.stepId}.${index}`,
    csm_id: step.csmId,
    customer_id: step.customerId,
    workflow_id: step.workflowId,
    description: action.description,
    due_date: action.dueDate ?? null,
    priority: action.priority ?? null,
    status: 'open',
    created_at: step.completedAt,
    completed_at: null,
    kind: action.type ?? null,
  }))
}

export interface TaskDeps {
  db: Db
  clock: Clock
  /** Sync's outbox, in the change's transaction. */
  record(change: LocalChange): void
}

/**
 * A CSM's tasks: listing, adding one of their own, marking done and undone. Each change runs
 * in its own transaction (or the caller's), is logged for the CSM's other devices, and is
 * recorded for sync on a desk. A change that is already so (done twice) answers as it is.
 */
export class Tasks {
  constructor(private readonly deps: TaskDeps) {}

  private change<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? fn(tx) : this.deps.db.write(fn)
  }

  private async changed(tx: Tx, task: TaskListRow): Promise<void> {
    await tx.recordChange({
      user_id: task.csm_id,
      type: 'task-changed',
      workflow_id: null,
      customer_id: task.customer_id,
      at: new Date().toISOString(),
    })
  }

  async list(user: User, status: unknown): Promise<{ success: true; tasks: Task[] }> {
    const parsed = listQuery.safeParse(status ?? undefined)
    if (!parsed.success) throw validationError({ status: 'must be open or done' })
    const rows = await this.deps.db.read((tx) => tx.tasksOf(user.id, parsed.data ?? null))
    return { success: true, tasks: rows.map(toTask) }
  }

  create(user: User, rawBody: unknown, tx?: Tx): Promise<{ success: true; task: Task }> {
    return this.change(tx, async (t) => {
      const body = parseBody(createBody, rawBody)
      const customer = await t.customer(body.customerId)
      if (!customer) throw new ApiError('NOT_FOUND', `No customer ${body.customerId}`, { customerId: body.customerId })
      if (!(await t.worksOnCustomer(user.id, body.customerId))) {
        throw new ApiError('FORBIDDEN', `${customer.name} is not one of your accounts`, { customerId: body.customerId })
      }
      const id = body.id ?? randomUUID()
      const existing = await t.task(id)
      if (existing) {
        const same =
          existing.csm_id === user.id &&
          existing.customer_id === body.customerId &&
          existing.description === body.description
        if (!same) throw validationError({ id: 'is already another task' })
        return { success: true, task: toTask(existing) }
      }
      const createdAt = (body.createdAt ? new Date(body.createdAt) : this.deps.clock.now()).toISOString()
      await t.insertTask({
        id,
        csm_id: user.id,
        customer_id: body.customerId,
        workflow_id: null,
        description: body.description,
        due_date: body.dueDate ?? null,
        priority: body.priority ?? null,
        status: 'open',
        created_at: createdAt,
        completed_at: null,
        kind: null,
      })
      const task = (await t.task(id))!
      await this.changed(t, task)
      this.deps.record({
        workflowId: `task:${id}`,
        kind: 'create-task',
        path: '/tasks',
        body: {
          id,
          customerId: body.customerId,
          description: body.description,
          dueDate: task.due_date,
          priority: task.priority,
          createdAt,
        },
      })
      return { success: true, task: toTask(task) }
    })
  }

  /** Marks a task done (`done`) or open again; doing what is already so changes nothing. */
  mark(user: User, id: string, done: boolean, rawBody: unknown, tx?: Tx): Promise<{ success: true; task: Task }> {
    return this.change(tx, async (t) => {
      const body = parseBody(doneBody, rawBody ?? {})
      const task = await t.task(id, true)
      if (!task) throw new ApiError('NOT_FOUND', `No task ${id}`, { taskId: id })
      if (task.csm_id !== user.id) throw new ApiError('FORBIDDEN', "This is another CSM's task", { taskId: id })
      if (body.description !== undefined && body.description !== task.description)
        throw new ApiError(
          'TASK_CHANGED',
          'This task is not the one you saw: another device recorded a different one',
          {
            taskId: id,
            description: task.description,
          },
        )
      if ((task.status === 'done') === done) return { success: true, task: toTask(task) }
      const completedAt = done
        ? (body.completedAt ? new Date(body.completedAt) : this.deps.clock.now()).toISOString()
        : null
      await t.setTaskStatus(id, done ? 'done' : 'open', completedAt)
      const updated = (await t.task(id))!
      await this.changed(t, updated)
      this.deps.record({
        workflowId: `task:${id}`,
        kind: done ? 'complete-task' : 'reopen-task',
        path: `/tasks/${id}/${done ? 'complete' : 'reopen'}`,
        body: done ? { completedAt, description: task.description } : { description: task.description },
      })
      return { success: true, task: toTask(updated) }
    })
  }
}
