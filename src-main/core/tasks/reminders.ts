import type { User } from '../api/auth'
import { daysBetween, isoDay, type Clock } from '../clock'
import { stageInfoFor } from '../domain/stages'
import type { Db } from '../store/db'
import { asleep } from '../workflows/queries'

/** Something to tell the CSM once: a task falling due, a renewal that became urgent. */
export interface Reminder {
  /** The same item and event always have the same key: clients notify once per key. */
  key: string
  kind: 'task-due' | 'renewal-urgent'
  title: string
  body: string
  /** What a click opens. */
  target: { workflowId: string } | { tasks: true }
}

const URGENT = new Set(['Emergency', 'Overdue'])

/** The CSM's reminders now, by the business clock: tasks due today or late, renewals in Emergency or Overdue. */
export async function remindersOf(db: Db, clock: Clock, user: User): Promise<Reminder[]> {
  const today = isoDay(clock.now())
  return db.read(async (tx) => {
    const reminders: Reminder[] = []
    for (const task of await tx.tasksOf(user.id, 'open')) {
      if (!task.due_date || task.due_date > today) continue
      reminders.push({
        key: `task-due:${task.id}:${task.due_date}`,
        kind: 'task-due',
        title: task.due_date === today ? `Due today: ${task.description}` : `Overdue: ${task.description}`,
        body: task.customer_name,
        target: task.workflow_id ? { workflowId: task.workflow_id } : { tasks: true },
      })
    }
    for (const row of await tx.activeQueue(user.id)) {
      if (asleep(row.snoozed_until, row.renewal_date, today)) continue
      const days = daysBetween(today, row.renewal_date)
      const stage = stageInfoFor(days).stage
      if (!URGENT.has(stage)) continue
      reminders.push({
        key: `renewal-urgent:${row.id}:${stage}`,
        kind: 'renewal-urgent',
        title: `${row.name}: ${stage}`,
        body: days < 0 ? `The renewal is ${-days} day(s) overdue.` : `The renewal is in ${days} day(s).`,
        target: { workflowId: row.id },
      })
    }
    return reminders
  })
}
