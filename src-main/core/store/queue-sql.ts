import type Database from 'better-sqlite3'
import { SqliteHealthSql } from './health-sql'
import { QUEUE_SQL, countsOf } from './queue-tx'
import type { QueueRow } from './rows'

function prepare(db: Database.Database) {
  return {
    queue: db.prepare<[string], QueueRow>(
      `${QUEUE_SQL.select} WHERE w.assigned_to = ? AND w.status IN ('pending', 'in_progress')`,
    ),
    queueItem: db.prepare<[string], QueueRow>(`${QUEUE_SQL.select} WHERE w.id = ?`),
    statusCounts: db.prepare<
      { csm: string; dayStart: string; dayEnd: string; today: string; wake: string },
      { pending: number; in_progress: number; completed_today: number; snoozed: number }
    >(
      QUEUE_SQL.counts(QUEUE_SQL.sleeping('@today', '@wake', '0'), { start: '@dayStart', end: '@dayEnd', csm: '@csm' }),
    ),
  }
}

/** SQLite's SQL for the queue and its counts; the Store is built on it. */
export abstract class SqliteQueueSql extends SqliteHealthSql {
  private queueStatements?: ReturnType<typeof prepare>

  private get queueSql() {
    return (this.queueStatements ??= prepare(this.db))
  }

  activeQueue(csmId: string): QueueRow[] {
    return this.queueSql.queue.all(csmId)
  }

  queueItem(workflowId: string): QueueRow | undefined {
    return this.queueSql.queueItem.get(workflowId)
  }

  /** Completed-today counts workflows whose completed_at lies in [dayStart, dayEnd). */
  statusCounts(
    csmId: string,
    day: { start: string; end: string; today: string; wake: string },
  ): { pending: number; inProgress: number; completedToday: number; snoozed: number } {
    return countsOf(
      this.queueSql.statusCounts.get({
        csm: csmId,
        dayStart: day.start,
        dayEnd: day.end,
        today: day.today,
        wake: day.wake,
      })!,
    )
  }
}
