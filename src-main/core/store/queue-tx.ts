import { HEALTH_SQL } from './health-tx'
import type { QueueRow } from './rows'

/** A CSM's queue and its counts: the reads every queue screen and every context starts from. */
export interface QueueTx {
  /** The CSM's pending and in-progress workflows, unordered. */
  activeQueue(csmId: string): Promise<QueueRow[]>
  /**
   * The CSM's counts: pending and in progress (not asleep), completed today (completed_at in
   * [start, end)), and snoozed ones still asleep (before their day, renewal on or after `wake`).
   */
  statusCounts(csmId: string, day: StatusDay): Promise<StatusCounts>
}

/** The day counts are taken on: its bounds, itself, and the day a week ahead (see `sleeping`). */
export interface StatusDay {
  start: string
  end: string
  today: string
  wake: string
}

export interface StatusCounts {
  pending: number
  inProgress: number
  completedToday: number
  snoozed: number
}

/** A queue row's columns and joins, the same text on either engine. */
export const QUEUE_SQL = {
  select: `SELECT
    w.id, w.type, w.status, w.customer_id, w.due_date,
    c.name, c.domain, c.arr, c.renewal_date, c.account_plan, c.owner_id,
    o.name AS owner_name, o.email AS owner_email,
    a.email AS assignee_email, a.experience AS assignee_experience,
    c.risk_score, ${HEALTH_SQL.score} AS health_score, c.sentiment, c.ai_summary, w.snoozed_until, w.snooze_reason,
    COALESCE(f.category, 'unset') AS forecast_category
  FROM workflows w
  JOIN customers c ON c.id = w.customer_id
  JOIN csms o ON o.id = c.owner_id
  JOIN csms a ON a.id = w.assigned_to
  LEFT JOIN forecasts f ON f.customer_id = c.id AND f.renewal_date = c.renewal_date
  ${HEALTH_SQL.join}`,
  /** Snoozed and still asleep: before its day, and its renewal more than a week away (placeholders for today and wake). */
  sleeping: (today: string, wake: string, no: string) =>
    `(CASE WHEN w.snoozed_until > ${today} THEN (SELECT renewal_date FROM customers WHERE id = w.customer_id) >= ${wake} ELSE ${no} END)`,
  counts: (sleeping: string, p: { start: string; end: string; csm: string }, int = '') => `SELECT
      count(*) FILTER (WHERE w.status = 'pending' AND NOT ${sleeping})${int} AS pending,
      count(*) FILTER (WHERE w.status = 'in_progress' AND NOT ${sleeping})${int} AS in_progress,
      count(*) FILTER (WHERE w.status = 'completed' AND w.completed_at >= ${p.start} AND w.completed_at < ${p.end})${int} AS completed_today,
      count(*) FILTER (WHERE w.status IN ('pending', 'in_progress') AND ${sleeping})${int} AS snoozed
    FROM workflows w WHERE w.assigned_to = ${p.csm}`,
}

export const countsOf = (row: {
  pending: number
  in_progress: number
  completed_today: number
  snoozed: number
}): StatusCounts => ({
  pending: row.pending,
  inProgress: row.in_progress,
  completedToday: row.completed_today,
  snoozed: row.snoozed,
})
