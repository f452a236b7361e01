import { addDays } from '../clock'
import { stageInfoFor } from '../domain/stages'
import type { CustomerRow, WorkflowRow, WorkflowStatus } from '../store/rows'
import { makeCustomer } from './customers'
import { between, pick } from './random'

/** One customer and its workflow, with a renewal somewhere from 20 days overdue to 300 days out. */
export function workflowRows(
  random: () => number,
  today: string,
  id: string,
  csmId: string,
  status: WorkflowStatus,
): { customer: CustomerRow; workflow: WorkflowRow } {
  const days = between(random, -20, 300)
  return {
    customer: makeCustomer(random, {
      id: `cust-${id}`,
      name: `Customer ${id}`,
      domain: `customer-${id}.com`,
      arr: pick(random, [40_000, 90_000, 120_000, 200_000, 750_000]),
      plan: pick(random, ['invest', 'expand', 'manage', 'monitor', null] as const),
      ownerId: csmId,
      renewalDate: addDays(today, days),
      today,
    }),
    workflow: {
      id: `wf-${id}`,
      customer_id: `cust-${id}`,
      type: stageInfoFor(days).workflowType,
      assigned_to: csmId,
      status,
      assigned_at: `${addDays(today, -10)}T09:00:00.000Z`,
      started_at: status === 'pending' ? null : `${addDays(today, -1)}T09:00:00.000Z`,
      completed_at: status === 'completed' ? `${addDays(today, -2)}T09:00:00.000Z` : null,
      completed_by: status === 'completed' ? `${csmId}@company.com` : null,
      total_duration: status === 'completed' ? 1800 : null,
      outcome_json: status === 'completed' ? '{"status":"success"}' : null,
      snoozed_until: null,
      snooze_reason: null,
      renewal_date: addDays(today, days),
      closed_at: null,
    },
  }
}
