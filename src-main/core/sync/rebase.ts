import type { Forecast, Handover, HistoryEntry, Person, RecordedStep } from '../api/types'
import type { BookContext } from '../book/types'
import type { Experience } from '../domain/priority'
import type { OutboxRow, Store } from '../store/store'

const EXPERIENCE_BY_MULTIPLIER: Record<string, Experience> = {
  '1.2': 'expert',
  '1.1': 'senior',
  '1': 'mid',
  '0.9': 'junior',
}

/**
 * Writes the server's confirmed state of these workflows into the local tables, replacing
 * what was there (the caller replays pending changes on top, in the same transaction). The
 * assignee is the one the server names, never assumed to be the CSM who syncs.
 */
export function writeConfirmedState(store: Store, contexts: readonly BookContext[]): void {
  for (const context of contexts) {
    const { customer, intelligence, workflow } = context
    const assignee = workflow.assignee
    keepPerson(store, assignee, EXPERIENCE_BY_MULTIPLIER[String(workflow.priorityFactors.experienceMultiplier)])
    if (customer.owner.id !== assignee.id) keepPerson(store, customer.owner)
    store.upsertCustomer({
      id: customer.id,
      name: customer.name,
      domain: customer.domain,
      arr: customer.arr,
      renewal_date: customer.renewalDate,
      contract_start: customer.contractStart,
      account_plan: (customer.accountPlan ?? null) as never,
      owner_id: customer.owner.id,
      risk_score: intelligence.riskScore,
      // What the import brought: this desk scores it on its own copy of the scorecard.
      health_score: context.health?.imported ?? intelligence.healthScore,
      sentiment: intelligence.sentiment,
      ai_summary: intelligence.aiSummary,
      insights_json: JSON.stringify(intelligence.insights),
      recommendations_json: JSON.stringify(intelligence.recommendations),
      data_json: JSON.stringify(context.data),
      external_id: null,
      status: 'active',
    })
    store.upsertWorkflow({
      id: workflow.id,
      customer_id: customer.id,
      type: workflow.type as never,
      assigned_to: assignee.id,
      status: workflow.status,
      assigned_at: workflow.assignedAt,
      started_at: workflow.startedAt,
      completed_at: workflow.completedAt,
      completed_by: workflow.status === 'completed' ? assignee.email : null,
      total_duration: null,
      outcome_json: null,
      snoozed_until: workflow.snooze?.until ?? null,
      snooze_reason: workflow.snooze?.reason ?? null,
      renewal_date: workflow.dueDate ? null : customer.renewalDate,
      closed_at: workflow.closedAt ?? null,
    })
    store.placeWorkflows([
      {
        id: workflow.id,
        playbook_version: workflow.playbookVersion ?? 1,
        due_date: workflow.dueDate ?? null,
        note: workflow.note ?? null,
      },
    ])
    writeForecast(store, customer.id, customer.renewalDate, context.forecast)
    writeHistory(store, customer.id, context.history ?? [])
    writeStepResults(store, workflow.id, workflow.steps)
    writeHandovers(store, workflow.id, context.handovers ?? [])
  }
}

/** The renewal's forecast as the server has it (a server from before forecasts sends none). */
function writeForecast(store: Store, customerId: string, renewalDate: string, forecast: Forecast | undefined): void {
  if (!forecast?.updatedAt) return store.deleteForecast(customerId, renewalDate)
  store.saveForecast({
    customer_id: customerId,
    renewal_date: forecast.renewalDate,
    category: forecast.category,
    forecast_arr: forecast.forecastArr,
    note: forecast.note,
    chosen: forecast.suggested ? 0 : 1,
    updated_by: forecast.updatedBy?.id ?? null,
    updated_at: forecast.updatedAt,
  })
}

/** What former CSMs handed over, kept here so the desk shows it offline too. */
function writeHandovers(store: Store, workflowId: string, handovers: readonly Handover[]): void {
  store.deleteHandoversOf(workflowId)
  for (const h of handovers) {
    keepPerson(store, h.from)
    store.insertHandover({
      id: h.id,
      workflow_id: workflowId,
      from_csm_id: h.from.id,
      why: h.why,
      at: h.at,
      changes_json: JSON.stringify(h.changes),
    })
  }
}

/** A CSM the server names, keeping the role (and, unless the server says, the experience) known here. */
function keepPerson(store: Store, person: Person, experience?: Experience): void {
  const known = store.csm(person.id)
  store.upsertCsm({
    id: person.id,
    name: person.name,
    email: person.email,
    experience: experience ?? known?.experience ?? 'mid',
    role: known?.role ?? 'csm',
  })
}

/** A workflow's recorded steps as the server has them, replacing what was here. */
function writeStepResults(
  store: Store,
  workflowId: string,
  steps: readonly { id: string; result: RecordedStep | null }[],
): void {
  store.deleteStepResults(workflowId)
  steps.forEach((step, position) => {
    if (!step.result) return
    store.insertStepResult({
      workflow_id: workflowId,
      position,
      step_id: step.id,
      status: step.result.status,
      completed_at: step.result.completedAt,
      duration: step.result.duration,
      outputs_json: JSON.stringify(step.result.outputs),
      completed_by: step.result.completedBy,
      reason: step.result.reason,
    })
  })
}

/**
 * The account's earlier workflows, kept here too, so the desk shows the story of the account
 * offline (a reassigned account's earlier CSM's work included).
 */
function writeHistory(store: Store, customerId: string, history: readonly HistoryEntry[]): void {
  for (const h of history) {
    keepPerson(store, h.assignee)
    store.upsertWorkflow({
      id: h.workflowId,
      customer_id: customerId,
      type: h.type as never,
      assigned_to: h.assignee.id,
      status: 'completed',
      assigned_at: h.assignedAt,
      started_at: h.startedAt,
      completed_at: h.completedAt,
      completed_by: h.assignee.email,
      total_duration: h.totalDuration,
      outcome_json: h.outcome ? JSON.stringify(h.outcome) : null,
      snoozed_until: null,
      snooze_reason: null,
      renewal_date: null,
      closed_at: null,
    })
    store.placeWorkflows([{ id: h.workflowId, playbook_version: h.playbookVersion ?? 1, due_date: null, note: null }])
    writeStepResults(store, h.workflowId, h.steps)
  }
}

/** Whether a 409 says the server already has exactly this entry's result (a resend landed). */
export function alreadyApplied(
  entry: Pick<OutboxRow, 'kind' | 'body_json'>,
  answer: { status: number; body: unknown },
): boolean {
  if (answer.status !== 409) return false
  const error = (answer.body as { error?: { code?: string; details?: Record<string, unknown> } } | undefined)?.error
  const body = JSON.parse(entry.body_json) as Record<string, unknown>
  const details = error?.details ?? {}
  switch (entry.kind) {
    case 'start':
      return error?.code === 'WORKFLOW_ALREADY_STARTED' && details.startedAt === body.startedAt
    case 'complete-step':
      return (
        error?.code === 'STEP_ALREADY_COMPLETED' &&
        details.status === body.status &&
        details.completedAt === body.completedAt &&
        JSON.stringify(details.outputs) === JSON.stringify(body.outputs)
      )
    case 'complete-workflow':
      return error?.code === 'WORKFLOW_COMPLETED' && details.completedAt === body.completedAt
    default:
      return false // task changes answer 200 when the server already has them
  }
}
