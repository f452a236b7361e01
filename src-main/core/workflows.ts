import { addDays, daysBetween, isoDay, type Clock } from './clock'
import { definitionOf, type StepDefinition, type WorkflowDefinition } from './domain/definitions'
import { compareByPriority, priorityFactors, priorityScore } from './domain/priority'
import {
  currentStepOf,
  formatMinutes,
  progressOf,
  remainingMinutes,
  suggestionsFor,
  summarizeStep,
} from './domain/progression'
import { stageInfoFor } from './domain/stages'
import type { User } from './api/auth'
import {
  completeStepBody,
  completeWorkflowBody,
  parseBody,
  startBody,
  validationError,
  type CompleteStepBody,
  type FieldErrors,
  type StepOutputs,
} from './api/bodies'
import { ApiError, workflowNotFound } from './api/errors'
import type {
  CompleteStepResponse,
  CompleteWorkflowResponse,
  ContextStep,
  MeResponse,
  NextWorkflow,
  QueueItem,
  QueueResponse,
  RecordedStep,
  StartResponse,
  WorkflowContext,
} from './api/types'
import type { OutboxKind, QueueRow, StepResultRow, Store, WorkflowRow } from './store/store'

const SKIPPED_BY_COMPLETION = 'Workflow completed before this step'
const MAX_CLOCK_SKEW_MS = 5 * 60_000

/** A local change, as the request that makes the same change on the team server. */
export interface LocalChange {
  workflowId: string
  kind: OutboxKind
  path: string
  body: Record<string, unknown>
}

/** Called inside the change's transaction, so the change and its outbox entry commit together. */
export type ChangeRecorder = (change: LocalChange) => void

/** The contract's operations over the store; every change runs in one transaction. */
export class Workflows {
  private recorder: ChangeRecorder | null = null
  private replaying = false

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The real time, which tokens are checked against too; the business clock may be fixed. */
    private readonly wallClock: () => Date = () => new Date(),
  ) {}

  /**
   * When the client says a change happened (offline desks send times from hours or days ago),
   * or the business clock when it says nothing. Not more than 5 minutes ahead of the real time,
   * and not before the workflow started.
   */
  private changeTime(iso: string | undefined, field: string, startedAt: string | null): string {
    const at = normalizeTime(iso, this.clock)
    if (iso === undefined) return at
    if (Date.parse(at) > this.wallClock().getTime() + MAX_CLOCK_SKEW_MS) {
      throw validationError({ [field]: 'is more than 5 minutes in the future' })
    }
    if (startedAt && at < startedAt) throw validationError({ [field]: `is before the workflow started (${startedAt})` })
    return at
  }

  /** Sync records every change in its outbox from here on. */
  recordChangesWith(recorder: ChangeRecorder): void {
    this.recorder = recorder
  }

  /** Re-applies confirmed-elsewhere changes (sync's replay) without recording them again. */
  replay<T>(fn: () => T): T {
    this.replaying = true
    try {
      return fn()
    } finally {
      this.replaying = false
    }
  }

  private record(change: LocalChange): void {
    if (this.recorder && !this.replaying) this.recorder(change)
  }

  private today(): string {
    return isoDay(this.clock.now())
  }

  private counts(csmId: string) {
    const today = this.today()
    return this.store.statusCounts(csmId, `${today}T00:00:00.000Z`, `${addDays(today, 1)}T00:00:00.000Z`)
  }

  private toQueueItem(row: QueueRow, otherActive: number, today: string): QueueItem {
    const daysUntilRenewal = daysBetween(today, row.renewal_date)
    const factors = priorityFactors({
      daysUntilRenewal,
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
        stage: stageInfoFor(daysUntilRenewal).stage,
        priorityScore: priorityScore(factors),
        priorityFactors: factors,
        assignedTo: row.assignee_email,
        status: row.status,
        daysUntilRenewal,
      },
      intelligence: {
        riskScore: row.risk_score,
        healthScore: row.health_score,
        sentiment: row.sentiment,
        aiSummary: row.ai_summary,
      },
    }
  }

  private rankedQueue(csmId: string): QueueItem[] {
    const rows = this.store.activeQueue(csmId)
    const today = this.today()
    const items = rows.map((row) => this.toQueueItem(row, rows.length - 1, today))
    return items.sort((a, b) =>
      compareByPriority(
        { id: a.id, priorityScore: a.workflow.priorityScore, daysUntilRenewal: a.workflow.daysUntilRenewal },
        { id: b.id, priorityScore: b.workflow.priorityScore, daysUntilRenewal: b.workflow.daysUntilRenewal },
      ),
    )
  }

  /** Who the token names, with the name the app greets them by. */
  me(user: User): MeResponse {
    const csm = this.store.csm(user.id)
    return { success: true, user: { ...user, name: csm?.name ?? user.email } }
  }

  queue(user: User, csmId: string): QueueResponse {
    if (user.role !== 'admin' && user.id !== csmId) {
      throw new ApiError('FORBIDDEN', `You can only read your own queue, not ${csmId}'s`, { csmId })
    }
    if (!this.store.csm(csmId)) throw new ApiError('NOT_FOUND', `CSM with ID ${csmId} not found`, { csmId })
    const workflows = this.rankedQueue(csmId)
    const counts = this.counts(csmId)
    return {
      workflows,
      stats: {
        totalWorkflows: counts.pending + counts.inProgress + counts.completedToday,
        pending: counts.pending,
        inProgress: counts.inProgress,
        completedToday: counts.completedToday,
      },
    }
  }

  private readable(user: User, id: string): WorkflowRow {
    const wf = this.store.workflow(id)
    if (!wf) throw workflowNotFound(id)
    if (user.role !== 'admin' && wf.assigned_to !== user.id) {
      throw new ApiError('FORBIDDEN', `You do not have access to workflow ${id}`, { workflowId: id })
    }
    return wf
  }

  private writable(user: User, id: string): WorkflowRow {
    const wf = this.store.workflow(id)
    if (!wf) throw workflowNotFound(id)
    if (wf.assigned_to !== user.id) {
      throw new ApiError('FORBIDDEN', `Only the assigned CSM (${wf.assigned_to}) can change workflow ${id}`, {
        workflowId: id,
        assignedTo: wf.assigned_to,
      })
    }
    return wf
  }

  private checkSignedInEmail(user: User, completedBy: string | undefined): void {
    if (completedBy !== undefined && completedBy !== user.email) {
      throw validationError({ completedBy: `must be the signed-in user's email (${user.email})` })
    }
  }

  start(user: User, id: string, rawBody: unknown): StartResponse {
    return this.store.transaction(() => {
      const wf = this.writable(user, id)
      const body = parseBody(startBody, rawBody)
      if (body.csmId !== user.id) throw validationError({ csmId: `must be the signed-in CSM (${user.id})` })
      if (wf.status === 'completed') throw completedError(wf)
      if (wf.status === 'in_progress') {
        throw new ApiError('WORKFLOW_ALREADY_STARTED', `Workflow ${id} is already in progress`, {
          workflowId: id,
          startedAt: wf.started_at,
        })
      }
      const startedAt = this.changeTime(body.startedAt, 'startedAt', null)
      this.store.markStarted(id, startedAt)
      this.record({
        workflowId: id,
        kind: 'start',
        path: `/workflows/${id}/start`,
        body: { csmId: body.csmId, startedAt },
      })
      const current = currentStepOf(definitionOf(wf.type), this.store.stepResults(id).length)
      return {
        success: true,
        workflow: { id, status: 'in_progress', currentStep: current && summarizeStep(current), startedAt },
      }
    })
  }

  context(user: User, id: string): WorkflowContext {
    const wf = this.readable(user, id)
    const customer = this.store.customer(wf.customer_id)!
    const owner = this.store.csm(customer.owner_id)!
    const assignee = this.store.csm(wf.assigned_to)!
    const counts = this.counts(wf.assigned_to)
    const active = counts.pending + counts.inProgress
    const today = this.today()
    const daysUntilRenewal = daysBetween(today, customer.renewal_date)
    const stage = stageInfoFor(daysUntilRenewal)
    const factors = priorityFactors({
      daysUntilRenewal,
      arr: customer.arr,
      accountPlan: customer.account_plan,
      experience: assignee.experience,
      otherActiveWorkflows: wf.status === 'completed' ? active : active - 1,
    })
    const def = definitionOf(wf.type)
    const results = this.store.stepResults(id)
    const recorded = results.length
    const current = wf.status === 'completed' ? null : currentStepOf(def, recorded)
    const left = wf.status === 'completed' ? 0 : remainingMinutes(def, recorded)
    const from = wf.started_at ? Math.max(Date.parse(wf.started_at), this.clock.now().getTime()) : null
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
        healthScore: customer.health_score,
        sentiment: customer.sentiment,
        aiSummary: customer.ai_summary,
        insights: JSON.parse(customer.insights_json),
        recommendations: JSON.parse(customer.recommendations_json),
      },
      data: JSON.parse(customer.data_json),
      workflow: {
        id: wf.id,
        type: wf.type,
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
        steps: def.steps.map((step, index): ContextStep => {
          const result = results[index]
          return {
            ...step,
            estimatedTime: formatMinutes(step.estimatedMinutes),
            state: result
              ? result.status === 'completed'
                ? 'done'
                : 'skipped'
              : step === current && wf.status === 'in_progress'
                ? 'current'
                : 'upcoming',
            result: result ? recordedStep(result) : null,
          }
        }),
      },
    }
  }

  completeStep(user: User, id: string, stepId: string, rawBody: unknown): CompleteStepResponse {
    return this.store.transaction(() => {
      const wf = this.writable(user, id)
      const body = parseBody(completeStepBody, rawBody)
      if (body.stepId !== undefined && body.stepId !== stepId) {
        throw validationError({ stepId: `must match the step in the path (${stepId})` })
      }
      this.checkSignedInEmail(user, body.completedBy)
      if (wf.status === 'completed') throw completedError(wf)
      if (wf.status === 'pending') throw notStartedError(id)
      const def = definitionOf(wf.type)
      const index = def.steps.findIndex((s) => s.id === stepId)
      if (index < 0) {
        throw new ApiError('INVALID_STEP', `Step ${stepId} is not part of a ${wf.type} workflow`, {
          stepId,
          validSteps: def.steps.map((s) => s.id),
        })
      }
      const results = this.store.stepResults(id)
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
      const completedAt = this.changeTime(body.completedAt, 'completedAt', wf.started_at)
      this.store.insertStepResult({
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
      this.record({
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
      const customer = this.store.customer(wf.customer_id)!
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
          healthScore: customer.health_score,
        }),
      }
    })
  }

  completeWorkflow(user: User, id: string, rawBody: unknown): CompleteWorkflowResponse {
    return this.store.transaction(() => {
      const wf = this.writable(user, id)
      const body = parseBody(completeWorkflowBody, rawBody)
      this.checkSignedInEmail(user, body.completedBy)
      if (wf.status === 'completed') throw completedError(wf)
      if (wf.status === 'pending') throw notStartedError(id)
      const completedAt = this.changeTime(body.completedAt, 'completedAt', wf.started_at)
      const def = definitionOf(wf.type)
      const results = this.store.stepResults(id)
      skipRemainingSteps(this.store, def, id, results.length, completedAt, user.email)
      this.store.markCompleted({
        id,
        completed_at: completedAt,
        completed_by: user.email,
        total_duration: body.totalDuration,
        outcome_json: JSON.stringify({ status: body.status, ...body.outcomes }),
      })
      this.record({
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
        nextWorkflow: this.nextWorkflow(wf.assigned_to),
      }
    })
  }

  private nextWorkflow(csmId: string): NextWorkflow | null {
    const next = this.rankedQueue(csmId)[0]
    if (!next) return null
    return {
      id: next.id,
      customerId: next.customerId,
      customer: { name: next.customer.name, domain: next.customer.domain },
      priorityScore: next.workflow.priorityScore,
    }
  }
}

/** Steps left when a workflow is completed early count as skipped (docs/decisions). */
function skipRemainingSteps(
  store: Store,
  def: WorkflowDefinition,
  workflowId: string,
  recorded: number,
  completedAt: string,
  email: string,
): void {
  def.steps.slice(recorded).forEach((step, offset) =>
    store.insertStepResult({
      workflow_id: workflowId,
      position: recorded + offset,
      step_id: step.id,
      status: 'skipped',
      completed_at: completedAt,
      duration: 0,
      outputs_json: '{}',
      completed_by: email,
      reason: SKIPPED_BY_COMPLETION,
    }),
  )
}

/** What the step's definition asks of its outputs, beyond the body's shape. */
function checkOutputs(step: StepDefinition, body: CompleteStepBody): void {
  const fields: FieldErrors = {}
  const outputs: StepOutputs = body.outputs
  const spec = step.outputs
  if (body.status === 'skipped') {
    if (!step.skippable) fields.status = `cannot be "skipped": step ${step.id} may not be skipped`
    if (!body.reason) fields.reason = 'is required when status is "skipped"'
  } else {
    if (spec.decision.required && outputs.decision === undefined) {
      fields['outputs.decision'] = `is required; one of ${optionList(spec.decision.options)}`
    }
    if (spec.notes.required && !outputs.notes?.trim()) fields['outputs.notes'] = 'is required for this step'
  }
  if (outputs.decision !== undefined && !spec.decision.options.some((o) => o.value === outputs.decision)) {
    fields['outputs.decision'] = `must be one of ${optionList(spec.decision.options)}`
  }
  for (const field of spec.customFields) {
    const value = outputs.customData?.[field.key]
    if (value === undefined || value === null) continue
    const path = `outputs.customData.${field.key}`
    if (field.type === 'number' && typeof value !== 'number') fields[path] = 'must be a number'
    if (field.type === 'text' && typeof value !== 'string') fields[path] = 'must be text'
    if (field.type === 'select' && !field.options?.includes(String(value))) {
      fields[path] = `must be one of ${field.options?.join(', ')}`
    }
  }
  if (Object.keys(fields).length) throw validationError(fields)
}

function optionList(options: readonly { value: string }[]): string {
  return options.map((o) => o.value).join(', ')
}

function idsWith(results: readonly Pick<StepResultRow, 'step_id' | 'status'>[], status: string): string[] {
  return results.filter((r) => r.status === status).map((r) => r.step_id)
}

function recordedStep(row: StepResultRow): RecordedStep {
  return {
    status: row.status,
    completedAt: row.completed_at,
    duration: row.duration,
    outputs: JSON.parse(row.outputs_json),
    completedBy: row.completed_by,
    reason: row.reason,
  }
}

function normalizeTime(iso: string | undefined, clock: Clock): string {
  return (iso ? new Date(iso) : clock.now()).toISOString()
}

function completedError(wf: WorkflowRow): ApiError {
  return new ApiError('WORKFLOW_COMPLETED', `Workflow ${wf.id} is already completed and can't be changed`, {
    workflowId: wf.id,
    completedAt: wf.completed_at,
  })
}

function notStartedError(id: string): ApiError {
  return new ApiError('WORKFLOW_NOT_STARTED', `Workflow ${id} has not been started; start it first`, {
    workflowId: id,
  })
}
