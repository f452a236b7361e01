import type { Tx } from '../store/db'
import type { CustomerRow, ForecastView, StepResultRow, UserRow, WorkflowRow } from '../store/rows'
import type { HandoverRow } from '../store/handover-tx'
import type { ContextSets } from '../store/context-batch-tx'

/** What building a context reads. One context reads the Tx itself; a batch reads them prefetched. */
export type ContextReads = Pick<
  Tx,
  | 'workflow'
  | 'customer'
  | 'csm'
  | 'statusCounts'
  | 'stepResults'
  | 'stepResultsOf'
  | 'openTasksOfCustomer'
  | 'earlierWorkflows'
  | 'handoversOf'
  | 'forecast'
  | 'playbookVersion'
>

function groupBy<R>(rows: readonly R[], key: (row: R) => string): Map<string, R[]> {
  const groups = new Map<string, R[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list) list.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/**
 * The reads of many contexts in a few set-based statements (on PostgreSQL one, for a batch of 500,
 * instead of several per workflow), served from memory in the same order the one-at-a-time
 * reads answer. Anything not prefetched goes to the Tx.
 */
export async function prefetchContexts(tx: Tx, ids: readonly string[]): Promise<ContextReads> {
  return contextReadsOf(tx, await tx.contextSets(ids))
}

/** The reads of many contexts served from sets already read (see `prefetchContexts`). */
export function contextReadsOf(tx: Tx, sets: ContextSets): ContextReads {
  const workflows = new Map(sets.workflows.map((w) => [w.id, w]))
  const customers = new Map(sets.customers.map((c) => [c.id, c]))
  const completed = groupBy(sets.completed, (w) => w.customer_id)
  const stepIds = new Set([...workflows.keys(), ...sets.completed.map((w) => w.id)])
  const steps = groupBy(sets.steps, (r) => r.workflow_id)
  const tasks = groupBy(sets.tasks, (t) => t.customer_id)
  const handovers = groupBy(sets.handovers, (h) => h.workflow_id)
  const forecasts = new Map(sets.forecasts.map((f) => [`${f.customer_id}|${f.renewal_date}`, f]))
  const users = new Map(sets.users.map((u) => [u.id, u]))

  const known = <K, V>(map: Map<K, V>, key: K, fallback: () => Promise<V | undefined>) =>
    map.has(key) ? Promise.resolve(map.get(key)) : fallback()
  return {
    workflow: (id, lock) => (lock ? tx.workflow(id, lock) : known(workflows, id, () => tx.workflow(id))),
    customer: (id) => known(customers, id, () => tx.customer(id)) as Promise<CustomerRow | undefined>,
    csm: (id) => known(users, id, () => tx.csm(id)) as Promise<UserRow | undefined>,
    statusCounts: (csmId, day) => tx.statusCounts(csmId, day),
    stepResults: async (workflowId) =>
      workflows.has(workflowId) ? (steps.get(workflowId) ?? []) : tx.stepResults(workflowId),
    // Each workflow's steps in position order, as readers take them (one workflow at a time).
    stepResultsOf: async (workflowIds) =>
      workflowIds.every((id) => stepIds.has(id))
        ? workflowIds.flatMap((id): StepResultRow[] => steps.get(id) ?? [])
        : tx.stepResultsOf(workflowIds),
    openTasksOfCustomer: async (customerId) =>
      customers.has(customerId) ? (tasks.get(customerId) ?? []) : tx.openTasksOfCustomer(customerId),
    earlierWorkflows: async (customerId, exceptId): Promise<WorkflowRow[]> =>
      customers.has(customerId)
        ? (completed.get(customerId) ?? []).filter((w) => w.id !== exceptId)
        : tx.earlierWorkflows(customerId, exceptId),
    handoversOf: async (workflowIds): Promise<HandoverRow[]> =>
      workflowIds.length === 1 && workflows.has(workflowIds[0]!)
        ? (handovers.get(workflowIds[0]!) ?? [])
        : tx.handoversOf(workflowIds),
    forecast: async (customerId, renewalDate): Promise<ForecastView | undefined> =>
      customers.has(customerId) ? forecasts.get(`${customerId}|${renewalDate}`) : tx.forecast(customerId, renewalDate),
    playbookVersion: (id, version) => tx.playbookVersion(id, version),
  }
}
