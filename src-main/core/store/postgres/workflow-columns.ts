import type { WorkflowRow } from '../rows'

/** A workflow row's columns, in the order workflowValues gives them. */
export const WORKFLOW_COLUMNS = `id, customer_id, type, assigned_to, status, assigned_at, started_at, completed_at,
  completed_by, total_duration, outcome_json, snoozed_until, snooze_reason, renewal_date, closed_at`

export const workflowValues = (r: WorkflowRow) => [
  r.id,
  r.customer_id,
  r.type,
  r.assigned_to,
  r.status,
  r.assigned_at,
  r.started_at,
  r.completed_at,
  r.completed_by,
  r.total_duration,
  r.outcome_json,
  r.snoozed_until,
  r.snooze_reason,
  r.renewal_date,
  r.closed_at,
]
