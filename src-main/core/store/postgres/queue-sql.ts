import { QUEUE_SQL, countsOf } from '../queue-tx'
import type { QueueRow } from '../rows'
import { PgHealthSql } from './health-sql'

/** PostgreSQL's SQL for the queue and its counts. */
export abstract class PgQueueSql extends PgHealthSql {
  activeQueue(csmId: string) {
    return this.prepared<QueueRow>(
      `${QUEUE_SQL.select} WHERE w.assigned_to = $1 AND w.status IN ('pending', 'in_progress')`,
      [csmId],
    )
  }

  async statusCounts(csmId: string, day: { start: string; end: string; today: string; wake: string }) {
    const [row] = await this.prepared<{
      pending: number
      in_progress: number
      completed_today: number
      snoozed: number
    }>(QUEUE_SQL.counts(QUEUE_SQL.sleeping('$4', '$5', 'false'), { start: '$1', end: '$2', csm: '$3' }, '::int'), [
      day.start,
      day.end,
      csmId,
      day.today,
      day.wake,
    ])
    return countsOf(row!)
  }
}
