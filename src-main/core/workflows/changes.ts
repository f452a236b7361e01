import { healthOf } from '../health/health-of'
import { addDays, isoDay, type Clock } from '../clock'
import type { PlaybookCatalog } from '../playbooks/catalog'
import { stagePlaybooks } from '../playbooks/stages'
import type { WorkflowDefinition } from '../domain/definitions'
import { currentStepOf, progressOf, suggestionsFor, summarizeStep } from '../domain/progression'
import type { User } from '../api/auth'
import { completeStepBody, completeWorkflowBody, parseBody, startBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { CompleteStepResponse, CompleteWorkflowResponse, Snooze, StartResponse } from '../api/types'
import { z } from 'zod'
import type { Forecasts } from '../renewals/forecasts'
import type { Tx } from '../store/db'
import type { LocalChange, WorkflowRow } from '../store/rows'
import { isWorkflowType } from '../domain/stages'
import { nextActionTasks } from '../tasks/tasks'
import { nextWorkflow } from './queries'
import {
  changeTime,
  checkOutputs,
  checkSignedInEmail,
  assertOpen,
  idsWith,
  notStartedError,
  recordedStep,
  skipRemainingSteps,
  workflowChanged,
  writable,
} from './rules'

export type { LocalChange }

export interface ChangeDeps {
  clock: Clock
  wallClock: () => Date
  /** Called inside the change's transaction (sync's outbox), so both commit together or neither. */
  record(change: LocalChange): Promise<void> | void
  /** A step's decision may suggest the renewal's forecast. */
  forecasts: Pick<Forecasts, 'suggest'>
  /** The playbook versions workflows run on. */
  playbooks: PlaybookCatalog
}

/** The definition of the playbook version a workflow runs on. */
export async function definitionOfWorkflow(
  tx: Tx,
  playbooks: PlaybookCatalog,
  wf: Pick<WorkflowRow, 'type' | 'playbook_version'>,
): Promise<WorkflowDefinition> {
  const ref = { type: wf.type, version: wf.playbook_version ?? 1 }
  await playbooks.ensure(tx, [ref])
  return playbooks.definition(ref.type, ref.version)
}

const MAX_SNOOZE_DAYS = 90

/** The changes the API makes to a workflow, each inside the caller's transaction. */

export async function start(
  tx: Tx,
  deps: ChangeDeps,
  user: User,
  id: string,
  rawBody: unknown,
): Promise<StartResponse> {
  const wf = await writable(tx, user, id)
  const body = parseBody(startBody, rawBody)
  if (body.csmId !== user.id) throw validationError({ csmId: `must be the signed-in CSM (${user.id})` })
  assertOpen(wf)
  if (wf.status === 'in_progress') {
    throw new ApiError('WORKFLOW_ALREADY_STARTED', `Workflow ${id} is already in progress`, {
      workflowId: id,
      startedAt: wf.started_at,
    })
  }
  const startedAt = changeTime(body.startedAt, 'startedAt', null, deps)
  const type = await typeBegunOn(tx, wf, body.type)
  // A desk from before versions names none: it began on version 1, the only one it knew.
  const named = body.version ?? (type !== wf.type ? 1 : undefined)
  const version = await versionBegunOn(tx, deps.playbooks, { ...wf, type }, named)
  await tx.markStarted(id, startedAt)
  await workflowChanged(tx, wf, deps.wallClock())
  await deps.record({
    workflowId: id,
    kind: 'start',
    path: `/workflows/${id}/start`,
    body: { csmId: body.csmId, startedAt, type, version },
  })
  const def = await definitionOfWorkflow(tx, deps.playbooks, { type, playbook_version: version })
  const current = currentStepOf(def, (await tx.stepResults(id)).length)
  return {
    success: true,
    workflow: { id, status: 'in_progress', currentStep: current && summarizeStep(current), startedAt },
  }
}

/**
 * The type a start begins: the one the desk began on when it names one. A workflow nobody has
 * acted on yet (pending, no step) that the planner retyped meanwhile takes the desk's type back,
 * so the steps recorded offline land on the steps they were recorded on (decision 0013).
 */
async function typeBegunOn(tx: Tx, wf: WorkflowRow, named: string | undefined): Promise<string> {
  if (named === undefined || named === wf.type) return wf.type
  if (!isWorkflowType(named) && !(await stagePlaybooks(tx)).stageOf(named))
    throw validationError({ type: 'is not a renewal workflow type' })
  if ((await tx.stepResults(wf.id)).length) return wf.type
  await tx.retypeWorkflows([{ id: wf.id, type: named }])
  return named
}

/**
 * The playbook version a start begins on: the one the desk began on when it names one that is
 * published, so steps recorded offline land on the steps they were recorded on (decision 0019).
 */
async function versionBegunOn(
  tx: Tx,
  playbooks: PlaybookCatalog,
  wf: WorkflowRow,
  named: number | undefined,
): Promise<number> {
  const current = wf.playbook_version ?? 1
  if (named === undefined || named === current) return current
  await playbooks.ensure(tx, [{ type: wf.type, version: named }])
  try {
    playbooks.definition(wf.type, named)
  } catch {
    throw validationError({ version: `is not a published version of ${wf.type}` })
  }
  if ((await tx.stepResults(wf.id)).length) return current
  await tx.placeWorkflows([
    { id: wf.id, playbook_version: named, due_date: wf.due_date ?? null, note: wf.note ?? null },
  ])
  return named
}

export async function completeStep(
  tx: Tx,
  deps: ChangeDeps,
  user: User,
  id: string,
  stepId: string,
  rawBody: unknown,
): Promise<CompleteStepResponse> {
  const wf = await writable(tx, user, id)
  const body = parseBody(completeStepBody, rawBody)
  if (body.stepId !== undefined && body.stepId !== stepId) {
    throw validationError({ stepId: `must match the step in the path (${stepId})` })
  }
  checkSignedInEmail(user, body.completedBy)
  assertOpen(wf)
  if (wf.status === 'pending') throw notStartedError(id)
  const def = await definitionOfWorkflow(tx, deps.playbooks, wf)
  const index = def.steps.findIndex((s) => s.id === stepId)
  if (index < 0) {
    throw new ApiError('INVALID_STEP', `Step ${stepId} is not part of a ${wf.type} workflow`, {
      stepId,
      validSteps: def.steps.map((s) => s.id),
    })
  }
  const results = await tx.stepResults(id)
  const existing = results[index]
  if (existing) {
    throw new ApiError('STEP_ALREADY_COMPLETED', `Step ${stepId} was already ${existing.status}`, {
      stepId,
      ...recordedStep(existing),
    })
  }
  const step = def.steps[index]!
  if (index !== results.length) {
    const currentStepId = def.steps[results.length]!.id
    throw new ApiError('INVALID_STEP', `Step ${stepId} is not the current step; ${currentStepId} comes first`, {
      stepId,
      currentStepId,
    })
  }
  checkOutputs(step, body)
  const completedAt = changeTime(body.completedAt, 'completedAt', wf.started_at, deps)
  await tx.insertStepResult({
    workflow_id: id,
    position: index,
    step_id: stepId,
    status: body.status,
    completed_at: completedAt,
    duration: body.duration,
    outputs_json: JSON.stringify(body.outputs),
    completed_by: user.email,
    reason: body.reason ?? null,
  })
  const tasks = nextActionTasks(
    { workflowId: id, stepId, customerId: wf.customer_id, csmId: user.id, completedAt },
    body.outputs.nextActions ?? [],
  )
  for (const task of tasks) await tx.insertTask(task)
  await workflowChanged(tx, wf, deps.wallClock())
  await deps.record({
    workflowId: id,
    kind: 'complete-step',
    path: `/workflows/${id}/steps/${stepId}/complete`,
    body: {
      stepId,
      completedAt,
      duration: body.duration,
      status: body.status,
      ...(body.reason ? { reason: body.reason } : {}),
      outputs: body.outputs,
      completedBy: user.email,
    },
  })
  const recorded = index + 1
  const all = [...results, { step_id: stepId, status: body.status, outputs_json: JSON.stringify(body.outputs) }]
  const customer = (await tx.customer(wf.customer_id))!
  if (body.status === 'completed') await deps.forecasts.suggest(tx, user, customer, body.outputs.decision, completedAt)
  const next = currentStepOf(def, recorded)
  return {
    success: true,
    message: body.status === 'skipped' ? 'Step skipped' : 'Step completed successfully',
    workflow: {
      id,
      status: 'in_progress',
      currentStep: next && summarizeStep(next),
      completedSteps: idsWith(all, 'completed'),
      skippedSteps: idsWith(all, 'skipped'),
      progress: progressOf(def, recorded),
      context: {
        steps: Object.fromEntries(
          all.map((r) => [r.step_id, { status: r.status, outputs: JSON.parse(r.outputs_json) }]),
        ),
      },
    },
    suggestions: suggestionsFor({
      def,
      recordedSteps: recorded,
      decision: body.outputs.decision,
      tags: body.outputs.tags ?? [],
      riskScore: customer.risk_score,
      healthScore: healthOf(customer),
    }),
  }
}

export async function completeWorkflow(
  tx: Tx,
  deps: ChangeDeps,
  user: User,
  id: string,
  rawBody: unknown,
): Promise<CompleteWorkflowResponse> {
  const wf = await writable(tx, user, id)
  const body = parseBody(completeWorkflowBody, rawBody)
  checkSignedInEmail(user, body.completedBy)
  assertOpen(wf)
  if (wf.status === 'pending') throw notStartedError(id)
  const completedAt = changeTime(body.completedAt, 'completedAt', wf.started_at, deps)
  const def = await definitionOfWorkflow(tx, deps.playbooks, wf)
  const results = await tx.stepResults(id)
  await skipRemainingSteps(tx, def, id, results.length, completedAt, user.email)
  await tx.markCompleted({
    id,
    completed_at: completedAt,
    completed_by: user.email,
    total_duration: body.totalDuration,
    outcome_json: JSON.stringify({ status: body.status, ...body.outcomes }),
  })
  await workflowChanged(tx, wf, deps.wallClock())
  await deps.record({
    workflowId: id,
    kind: 'complete-workflow',
    path: `/workflows/${id}/complete`,
    body: {
      completedAt,
      totalDuration: body.totalDuration,
      status: body.status,
      outcomes: body.outcomes,
      completedBy: user.email,
    },
  })
  const stepsCompleted = results.filter((r) => r.status === 'completed').length
  return {
    success: true,
    message: 'Workflow completed successfully',
    workflow: {
      id,
      status: 'completed',
      completedAt,
      totalDuration: body.totalDuration,
      stats: {
        stepsCompleted,
        stepsSkipped: def.steps.length - stepsCompleted,
        avgStepDuration: stepsCompleted ? Math.round(body.totalDuration / stepsCompleted) : 0,
      },
    },
    nextWorkflow: await nextWorkflow(tx, deps.clock, wf.assigned_to),
  }
}

const snoozeBody = z.strictObject({
  until: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
  reason: z.string().trim().max(500).optional(),
  /** When a desk recorded it: a day that passed while it was offline makes it a no-op. */
  snoozedAt: z.iso.datetime({ offset: true }).optional(),
})

export interface SnoozeResponse {
  success: true
  workflow: { id: string; snooze: Snooze | null }
  /** The snooze's day had passed when it arrived: nothing changed. */
  expired?: boolean
}

/**
 * Puts a pending or in-progress workflow to sleep until a day after today, at most 90 days
 * ahead; it wakes on that day, or earlier when its renewal is a week away.
 */
export async function snooze(
  tx: Tx,
  deps: ChangeDeps,
  user: User,
  id: string,
  rawBody: unknown,
): Promise<SnoozeResponse> {
  const wf = await writable(tx, user, id)
  const body = parseBody(snoozeBody, rawBody)
  const day = isoDay(deps.clock.now())
  if (body.until <= day && body.snoozedAt !== undefined) {
    // A desk's snooze whose day passed while it was offline: the workflow is awake anyway.
    const snoozedAt = changeTime(body.snoozedAt, 'snoozedAt', null, deps)
    if (isoDay(new Date(snoozedAt)) < body.until) {
      assertOpen(wf)
      return { success: true, workflow: { id, snooze: null }, expired: true }
    }
  }
  if (body.until <= day) throw validationError({ until: `must be after today (${day})` })
  if (body.until > addDays(day, MAX_SNOOZE_DAYS)) {
    throw validationError({ until: `must be at most ${MAX_SNOOZE_DAYS} days ahead (${addDays(day, MAX_SNOOZE_DAYS)})` })
  }
  assertOpen(wf)
  const reason = body.reason || null
  await tx.snooze(id, body.until, reason)
  await workflowChanged(tx, wf, deps.wallClock())
  await deps.record({
    workflowId: id,
    kind: 'snooze',
    path: `/workflows/${id}/snooze`,
    body: { until: body.until, ...(reason ? { reason } : {}), snoozedAt: deps.clock.now().toISOString() },
  })
  return { success: true, workflow: { id, snooze: { until: body.until, reason } } }
}

/** Wakes a snoozed workflow now; one that is awake stays so. */
export async function resume(tx: Tx, deps: ChangeDeps, user: User, id: string): Promise<SnoozeResponse> {
  const wf = await writable(tx, user, id)
  assertOpen(wf)
  if (wf.snoozed_until !== null) {
    await tx.snooze(id, null, null)
    await workflowChanged(tx, wf, deps.wallClock())
    await deps.record({ workflowId: id, kind: 'resume', path: `/workflows/${id}/resume`, body: {} })
  }
  return { success: true, workflow: { id, snooze: null } }
}
