import type { WorkflowRow } from './rows'

/** A pending workflow nobody has acted on yet, as the planner or a started playbook writes it. */
export function pendingWorkflow(
  fields: Pick<WorkflowRow, 'id' | 'customer_id' | 'type' | 'assigned_to' | 'assigned_at' | 'renewal_date'>,
): WorkflowRow {
  return {
    ...fields,
    status: 'pending',
    started_at: null,
    completed_at: null,
    completed_by: null,
    total_duration: null,
    outcome_json: null,
    snoozed_until: null,
    snooze_reason: null,
    closed_at: null,
  }
}
