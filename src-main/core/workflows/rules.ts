import type { Clock } from '../clock'
import type { StepDefinition, WorkflowDefinition } from '../domain/definitions'
import type { User } from '../api/auth'
import { validationError, type CompleteStepBody, type FieldErrors, type StepOutputs } from '../api/bodies'
import { ApiError, workflowNotFound } from '../api/errors'
import type { RecordedStep } from '../api/types'
import type { Tx } from '../store/db'
import type { StepResultRow, WorkflowRow } from '../store/rows'

/** The rules every change of a workflow obeys, written once for every engine. */

const SKIPPED_BY_COMPLETION = 'Workflow completed before this step'
const MAX_CLOCK_SKEW_MS = 5 * 60_000

export async function readable(tx: Pick<Tx, 'workflow'>, user: User, id: string): Promise<WorkflowRow> {
  const wf = await tx.workflow(id)
  if (!wf) throw workflowNotFound(id)
  if (user.role !== 'admin' && wf.assigned_to !== user.id) {
    throw new ApiError('FORBIDDEN', `You do not have access to workflow ${id}`, { workflowId: id })
  }
  return wf
}

/** The workflow, locked until the change commits, if the user may change it. */
export async function writable(tx: Tx, user: User, id: string): Promise<WorkflowRow> {
  const wf = await tx.workflow(id, true)
  if (!wf) throw workflowNotFound(id)
  if (wf.assigned_to !== user.id) {
    // Who it belongs to is not this caller's to learn; a former holder learns they may hand over.
    const former = await tx.wasAssignedTo(id, user.id)
    throw new ApiError('FORBIDDEN', `Only the assigned CSM can change workflow ${id}`, {
      workflowId: id,
      ...(former ? { handover: `/workflows/${id}/handover` } : {}),
    })
  }
  return wf
}

export function checkSignedInEmail(user: User, completedBy: string | undefined): void {
  if (completedBy !== undefined && completedBy !== user.email) {
    throw validationError({ completedBy: `must be the signed-in user's email (${user.email})` })
  }
}

/**
 * When the client says a change happened (offline desks send times from hours or days ago), or
 * the business clock when it says nothing. Not more than 5 minutes ahead of the real time (the
 * wall clock), and not before the workflow started.
 */
export function changeTime(
  iso: string | undefined,
  field: string,
  startedAt: string | null,
  clocks: { clock: Clock; wallClock: () => Date },
): string {
  const at = (iso ? new Date(iso) : clocks.clock.now()).toISOString()
  if (iso === undefined) return at
  if (Date.parse(at) > clocks.wallClock().getTime() + MAX_CLOCK_SKEW_MS) {
    throw validationError({ [field]: 'is more than 5 minutes in the future' })
  }
  if (startedAt && at < startedAt) throw validationError({ [field]: `is before the workflow started (${startedAt})` })
  return at
}

/** Steps left when a workflow is completed early count as skipped (docs/decisions). */
export async function skipRemainingSteps(
  tx: Tx,
  def: WorkflowDefinition,
  workflowId: string,
  recorded: number,
  completedAt: string,
  email: string,
): Promise<void> {
  for (const [offset, step] of def.steps.slice(recorded).entries()) {
    await tx.insertStepResult({
      workflow_id: workflowId,
      position: recorded + offset,
      step_id: step.id,
      status: 'skipped',
      completed_at: completedAt,
      duration: 0,
      outputs_json: '{}',
      completed_by: email,
      reason: SKIPPED_BY_COMPLETION,
    })
  }
}

/** What the step's definition asks of its outputs, beyond the body's shape. */
export function checkOutputs(step: StepDefinition, body: CompleteStepBody): void {
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

export function idsWith(results: readonly Pick<StepResultRow, 'step_id' | 'status'>[], status: string): string[] {
  return results.filter((r) => r.status === status).map((r) => r.step_id)
}

export function recordedStep(row: StepResultRow): RecordedStep {
  return {
    status: row.status,
    completedAt: row.completed_at,
    duration: row.duration,
    outputs: JSON.parse(row.outputs_json),
    completedBy: row.completed_by,
    reason: row.reason,
  }
}

/** A completed, superseded or cancelled workflow can't be changed. */
export function assertOpen(wf: WorkflowRow): void {
  if (wf.status === 'completed') throw completedError(wf)
  if (wf.status === 'superseded' || wf.status === 'cancelled') {
    const why = wf.status === 'superseded' ? 'its account renewed' : 'its account churned'
    throw new ApiError(
      'WORKFLOW_CLOSED',
      `Workflow ${wf.id} was ${wf.status} because ${why}; it can be read, not changed`,
      {
        workflowId: wf.id,
        status: wf.status,
        closedAt: wf.closed_at,
      },
    )
  }
}

export function completedError(wf: WorkflowRow): ApiError {
  return new ApiError('WORKFLOW_COMPLETED', `Workflow ${wf.id} is already completed and can't be changed`, {
    workflowId: wf.id,
    completedAt: wf.completed_at,
  })
}

export function notStartedError(id: string): ApiError {
  return new ApiError('WORKFLOW_NOT_STARTED', `Workflow ${id} has not been started; start it first`, {
    workflowId: id,
  })
}

/** Logs that a workflow changed, for its assignee's other devices and open event streams. */
export function workflowChanged(tx: Tx, wf: WorkflowRow, at: Date): Promise<void> {
  return tx.recordChange({
    user_id: wf.assigned_to,
    type: 'workflow-changed',
    workflow_id: wf.id,
    customer_id: wf.customer_id,
    at: at.toISOString(),
  })
}
