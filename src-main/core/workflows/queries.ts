import { healthOf } from '../health/health-of'
import { addDays, daysBetween, isoDay, type Clock } from '../clock'
import type { PlaybookCatalog } from '../playbooks/catalog'
import { urgencyDays } from './urgency'
import { compareByPriority, priorityFactors, priorityScore } from '../domain/priority'
import { currentStepOf, formatMinutes, progressOf, remainingMinutes, summarizeStep } from '../domain/progression'
import { stageInfoFor } from '../domain/stages'
import type { User } from '../api/auth'
import { ApiError } from '../api/errors'
import type {
  ContextStep,
  ContextWith,
  ContextsResponse,
  HistoryEntry,
  MeResponse,
  NextWorkflow,
  QueueItem,
  QueueResponse,
  Person,
} from '../api/types'
import { toForecast } from '../renewals/forecasts'
import type { Tx } from '../store/db'
import { handoversOf } from '../handovers/read'
import type { QueueRow } from '../store/rows'
import { toTask } from '../tasks/tasks'
import { contextReadsOf, prefetchContexts, type ContextReads } from './context-reads'
import type { ContextSets } from '../store/context-batch-tx'
import type { StatusCounts, StatusDay } from '../store/queue-tx'
import { idsWith, readable, recordedStep } from './rules'
import { FULL_CONTEXT, type ContextForm } from './context-form'

/** What the API reads: the queue, a workflow's context, the signed-in user. */

function today(clock: Clock): string {
  return isoDay(clock.now())
}

type Counts = Awaited<ReturnType<Tx['statusCounts']>>

/** A snoozed workflow sleeps until its day, or until its renewal is a week away (Emergency). */
export const WAKE_DAYS_BEFORE_RENEWAL = 7

export function asleep(snoozedUntil: string | null, renewalDate: string, day: string): boolean {
  return snoozedUntil !== null && snoozedUntil > day && renewalDate >= addDays(day, WAKE_DAYS_BEFORE_RENEWAL)
}

async function counts(
  tx: Pick<Tx, 'statusCounts'>,
  clock: Clock,
  csmId: string,
  cache?: Map<string, Counts>,
): Promise<Counts> {
  const cached = cache?.get(csmId)
  if (cached) return cached
  const result = await tx.statusCounts(csmId, statusDay(clock))
  cache?.set(csmId, result)
  return result
}

/** The day a CSM's counts are taken on: today on the clock. */
export function statusDay(clock: Clock): StatusDay {
  const day = today(clock)
  return {
    start: `${day}T00:00:00.000Z`,
    end: `${addDays(day, 1)}T00:00:00.000Z`,
    today: day,
    wake: addDays(day, WAKE_DAYS_BEFORE_RENEWAL),
  }
}

function toQueueItem(row: QueueRow, otherActive: number, day: string): QueueItem {
  const daysUntilRenewal = daysBetween(day, row.renewal_date)
  const days = urgencyDays(row, day)
  const factors = priorityFactors({
    daysUntilRenewal: days,
    arr: row.arr,
    accountPlan: row.account_plan,
    experience: row.assignee_experience,
    otherActiveWorkflows: otherActive,
  })
  return {
    id: row.id,
    customerId: row.customer_id,
    customer: {
      id: row.customer_id,
      name: row.name,
      domain: row.domain,
      arr: row.arr,
      renewalDate: row.renewal_date,
      owner: { id: row.owner_id, name: row.owner_name, email: row.owner_email },
    },
    workflow: {
      type: row.type,
      stage: stageInfoFor(days).stage,
      priorityScore: priorityScore(factors),
      priorityFactors: factors,
      assignedTo: row.assignee_email,
      status: row.status,
      daysUntilRenewal,
      ...(row.due_date ? { dueDate: row.due_date } : {}),
    },
    // Left out while unset: the contract's queue stays exactly as it is until someone forecasts.
    ...(row.forecast_category !== 'unset' && { forecast: row.forecast_category }),
    intelligence: {
      riskScore: row.risk_score,
      healthScore: row.health_score,
      sentiment: row.sentiment,
      aiSummary: row.ai_summary,
    },
  }
}

export async function rankedQueue(tx: Tx, clock: Clock, csmId: string): Promise<QueueItem[]> {
  return (await split(tx, clock, csmId)).awake
}

/** The CSM's active workflows: awake ones ranked by priority, and the snoozed ones by wake day. */
async function split(tx: Tx, clock: Clock, csmId: string): Promise<{ awake: QueueItem[]; snoozed: QueueItem[] }> {
  const rows = await tx.activeQueue(csmId)
  const day = today(clock)
  const sleeping = rows.filter((r) => asleep(r.snoozed_until, r.renewal_date, day))
  const awakeRows = rows.filter((r) => !sleeping.includes(r))
  const snoozed = sleeping
    .map((row) => {
      const item = toQueueItem(row, awakeRows.length, day)
      return {
        ...item,
        workflow: { ...item.workflow, snooze: { until: row.snoozed_until!, reason: row.snooze_reason } },
      }
    })
    .sort((a, b) => a.workflow.snooze.until.localeCompare(b.workflow.snooze.until) || a.id.localeCompare(b.id))
  const items = awakeRows.map((row) => toQueueItem(row, awakeRows.length - 1, day))
  const awake = items.sort((a, b) =>
    compareByPriority(
      { id: a.id, priorityScore: a.workflow.priorityScore, daysUntilRenewal: a.workflow.daysUntilRenewal },
      { id: b.id, priorityScore: b.workflow.priorityScore, daysUntilRenewal: b.workflow.daysUntilRenewal },
    ),
  )
  return { awake, snoozed }
}

/** Who the token names, with the name the app greets them by. */
export async function me(tx: Tx, clock: Clock, user: User): Promise<MeResponse> {
  const csm = await tx.csm(user.id)
  return { success: true, user: { ...user, name: csm?.name ?? user.email }, today: today(clock) }
}

export async function queue(tx: Tx, clock: Clock, user: User, csmId: string): Promise<QueueResponse> {
  if (user.role !== 'admin' && user.id !== csmId) {
    throw new ApiError('FORBIDDEN', `You can only read your own queue, not ${csmId}'s`, { csmId })
  }
  if (!(await tx.csm(csmId))) throw new ApiError('NOT_FOUND', `CSM with ID ${csmId} not found`, { csmId })
  const { awake, snoozed } = await split(tx, clock, csmId)
  const c = await counts(tx, clock, csmId)
  return {
    workflows: awake,
    stats: {
      totalWorkflows: c.pending + c.inProgress + c.completedToday,
      pending: c.pending,
      inProgress: c.inProgress,
      completedToday: c.completedToday,
      snoozed: c.snoozed,
    },
    snoozed,
  }
}

export async function context<Step = ContextStep>(
  tx: ContextReads,
  clock: Clock,
  catalog: PlaybookCatalog,
  user: User,
  id: string,
  cache?: Map<string, Counts>,
  form = FULL_CONTEXT as unknown as ContextForm<Step>,
): Promise<ContextWith<Step>> {
  const wf = await readable(tx, user, id)
  const customer = (await tx.customer(wf.customer_id))!
  const owner = (await tx.csm(customer.owner_id))!
  const assignee = owner.id === wf.assigned_to ? owner : (await tx.csm(wf.assigned_to))!
  const c = await counts(tx, clock, wf.assigned_to, cache)
  const active = c.pending + c.inProgress
  const day = today(clock)
  const sleeping = asleep(wf.snoozed_until, customer.renewal_date, day)
  const daysUntilRenewal = daysBetween(day, customer.renewal_date)
  const days = urgencyDays({ renewal_date: customer.renewal_date, due_date: wf.due_date }, day)
  const stage = stageInfoFor(days)
  const factors = priorityFactors({
    daysUntilRenewal: days,
    arr: customer.arr,
    accountPlan: customer.account_plan,
    experience: assignee.experience,
    otherActiveWorkflows: !(wf.status === 'pending' || wf.status === 'in_progress') || sleeping ? active : active - 1,
  })
  const version = wf.playbook_version ?? 1
  await catalog.ensure(tx, [{ type: wf.type, version }])
  const def = catalog.definition(wf.type, version)
  const results = await tx.stepResults(id)
  const tasks = await tx.openTasksOfCustomer(customer.id)
  const history = await historyOf(tx, catalog, customer.id, id)
  const handovers = await handoversOf(tx, id)
  const recorded = results.length
  const open = wf.status === 'pending' || wf.status === 'in_progress'
  const current = open ? currentStepOf(def, recorded) : null
  const left = open ? remainingMinutes(def, recorded) : 0
  const from = wf.started_at ? Math.max(Date.parse(wf.started_at), clock.now().getTime()) : null
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      domain: customer.domain,
      arr: customer.arr,
      renewalDate: customer.renewal_date,
      contractStart: customer.contract_start,
      accountPlan: customer.account_plan,
      owner: { id: owner.id, name: owner.name, email: owner.email },
    },
    intelligence: {
      riskScore: customer.risk_score,
      healthScore: healthOf(customer),
      sentiment: customer.sentiment,
      aiSummary: customer.ai_summary,
      insights: form.json(customer.insights_json),
      recommendations: form.json(customer.recommendations_json),
    },
    data: form.json(customer.data_json),
    health: { imported: customer.health_score, scorecardVersion: customer.health_version ?? null },
    tasks: tasks.map(toTask),
    history,
    ...(handovers.length ? { handovers } : {}),
    forecast: toForecast(customer, await tx.forecast(customer.id, customer.renewal_date)),
    workflow: {
      id: wf.id,
      type: wf.type,
      playbookVersion: version,
      ...(wf.due_date ? { dueDate: wf.due_date, note: wf.note ?? null } : {}),
      title: def.title,
      status: wf.status,
      assignedTo: assignee.email,
      assignee: { id: assignee.id, name: assignee.name, email: assignee.email },
      stage: stage.stage,
      stageName: stage.name,
      daysUntilRenewal,
      priorityScore: priorityScore(factors),
      priorityFactors: factors,
      assignedAt: wf.assigned_at,
      startedAt: wf.started_at,
      completedAt: wf.completed_at,
      ...(wf.closed_at ? { closedAt: wf.closed_at } : {}),
      snooze: wf.snoozed_until ? { until: wf.snoozed_until, reason: wf.snooze_reason } : null,
      snoozed: sleeping,
      estimatedCompletion:
        wf.status === 'completed'
          ? wf.completed_at
          : from === null
            ? null
            : new Date(from + left * 60_000).toISOString(),
      currentStep: current && summarizeStep(current),
      completedSteps: idsWith(results, 'completed'),
      skippedSteps: idsWith(results, 'skipped'),
      progress: progressOf(def, recorded),
      estimatedTimeRemaining: formatMinutes(left),
      steps: form.steps(def, results, current, wf.status === 'in_progress'),
    },
  }
}

export async function nextWorkflow(tx: Tx, clock: Clock, csmId: string): Promise<NextWorkflow | null> {
  const next = (await rankedQueue(tx, clock, csmId))[0]
  if (!next) return null
  return {
    id: next.id,
    customerId: next.customerId,
    customer: { name: next.customer.name, domain: next.customer.domain },
    priorityScore: next.workflow.priorityScore,
  }
}

/** Up to 500 contexts in one read (a desk's pull); the ones the user may not read, or that are gone, are named. */
export async function contexts<Step = ContextStep>(
  tx: Tx,
  clock: Clock,
  catalog: PlaybookCatalog,
  user: User,
  ids: readonly string[],
  /** What was read with the ids already (a book page): the sets, and counts by CSM. */
  read?: { sets: ContextSets; counts: Map<string, StatusCounts> },
  form = FULL_CONTEXT as unknown as ContextForm<Step>,
): Promise<ContextsResponse<Step>> {
  const cache = new Map<string, Counts>(read?.counts)
  const reads = read ? contextReadsOf(tx, read.sets) : await prefetchContexts(tx, ids)
  const found: ContextWith<Step>[] = []
  const unavailable: ContextsResponse['unavailable'] = []
  for (const id of ids) {
    try {
      found.push(await context(reads, clock, catalog, user, id, cache, form))
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) throw error
      // One answer for "no such workflow" and "not yours": a batch read must not probe for ids.
      unavailable.push({ id, code: 'WORKFLOW_NOT_FOUND' })
    }
  }
  return { success: true, contexts: found, unavailable }
}

/** The account's earlier, completed workflows, newest first, with who did what in each step. */
async function historyOf(
  tx: ContextReads,
  catalog: PlaybookCatalog,
  customerId: string,
  exceptId: string,
): Promise<HistoryEntry[]> {
  const earlier = await tx.earlierWorkflows(customerId, exceptId)
  if (!earlier.length) return []
  await catalog.ensure(
    tx,
    earlier.map((w) => ({ type: w.type, version: w.playbook_version ?? 1 })),
  )
  const results = await tx.stepResultsOf(earlier.map((w) => w.id))
  const people = new Map<string, Person>()
  const person = async (id: string): Promise<Person> => {
    if (!people.has(id)) {
      const csm = await tx.csm(id)
      people.set(id, { id, name: csm?.name ?? id, email: csm?.email ?? '' })
    }
    return people.get(id)!
  }
  const entries: HistoryEntry[] = []
  for (const wf of earlier) {
    // Each completed workflow with the steps of its own version.
    const def = catalog.definition(wf.type, wf.playbook_version ?? 1)
    const recorded = results.filter((r) => r.workflow_id === wf.id)
    entries.push({
      workflowId: wf.id,
      type: wf.type,
      playbookVersion: wf.playbook_version ?? 1,
      title: def.title,
      assignee: await person(wf.assigned_to),
      assignedAt: wf.assigned_at,
      startedAt: wf.started_at,
      completedAt: wf.completed_at,
      totalDuration: wf.total_duration,
      outcome: wf.outcome_json ? (JSON.parse(wf.outcome_json) as Record<string, unknown>) : null,
      steps: def.steps.map((step, position) => {
        const result = recorded.find((r) => r.position === position)
        return { id: step.id, name: step.name, result: result ? recordedStep(result) : null }
      }),
    })
  }
  return entries
}
