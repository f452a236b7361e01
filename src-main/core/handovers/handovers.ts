import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody } from '../api/bodies'
import { ApiError, workflowNotFound } from '../api/errors'
import type { Tx } from '../store/db'
import type { HandoverRow } from '../store/handover-tx'
import type { WorkflowRow } from '../store/rows'
import type { Workflows } from '../workflows'
import { personOf } from './read'
import type { HandoverChange, HandoverResponse } from './types'

const handoverBody = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        kind: z.enum(['start', 'complete-step', 'complete-workflow', 'snooze', 'resume']),
        path: z.string().min(1).max(500),
        body: z.record(z.string(), z.unknown()),
        recordedAt: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1)
    .max(200),
})

const OPEN = new Set(['pending', 'in_progress'])

/**
 * POST /api/workflows/{id}/handover: a desk hands over what its CSM recorded offline on a workflow
 * that was reassigned, superseded or cancelled meanwhile (decision 0013). Reassigned and not
 * touched by its new CSM, it lands as steps, credited to whoever did them; otherwise it is kept
 * with the workflow (and a superseded one's successor), where the new CSM and admins read it.
 */
export async function handOver(
  tx: Tx,
  workflows: Workflows,
  user: User,
  id: string,
  rawBody: unknown,
  at: Date,
): Promise<HandoverResponse> {
  const wf = await tx.workflow(id, true)
  if (!wf) throw workflowNotFound(id)
  const mine = wf.assigned_to === user.id
  if (!mine && !(await tx.wasAssignedTo(id, user.id)))
    throw new ApiError('FORBIDDEN', `You do not have access to workflow ${id}`, { workflowId: id })
  const { changes } = parseBody(handoverBody, rawBody)
  const open = OPEN.has(wf.status)
  if (open && mine)
    throw new ApiError('VALIDATION_ERROR', 'This workflow is yours and open: send the changes themselves', {
      workflowId: id,
    })
  const heldBy = open ? await personOf(tx, wf.assigned_to) : null
  if (open && (await landAsSteps(tx, workflows, wf, user, changes))) {
    return { success: true, outcome: 'landed', workflowId: id, heldBy, successorId: null }
  }
  const why = open ? 'reassigned' : wf.status === 'superseded' ? 'superseded' : 'cancelled'
  const row = (workflowId: string): HandoverRow => ({
    id: `ho-${createHash('sha256')
      .update(`${workflowId}:${user.id}:${JSON.stringify(changes)}`)
      .digest('hex')
      .slice(0, 24)}`,
    workflow_id: workflowId,
    from_csm_id: user.id,
    why,
    at: at.toISOString(),
    changes_json: JSON.stringify(changes),
  })
  await tx.insertHandover(row(id))
  await tx.recordChange({
    user_id: wf.assigned_to,
    type: 'workflow-changed',
    workflow_id: id,
    customer_id: wf.customer_id,
    at: at.toISOString(),
  })
  const successor = why === 'superseded' ? await tx.openWorkflowOf(wf.customer_id, id) : undefined
  if (successor) {
    await tx.insertHandover(row(successor.id))
    await tx.recordChange({
      user_id: successor.assigned_to,
      type: 'workflow-changed',
      workflow_id: successor.id,
      customer_id: wf.customer_id,
      at: at.toISOString(),
    })
  }
  return { success: true, outcome: 'handed-over', workflowId: id, heldBy, successorId: successor?.id ?? null }
}

/**
 * The changes applied as the former CSM did them, when the new CSM has recorded nothing on the
 * workflow: all of them, or (rolled back) none.
 */
async function landAsSteps(
  tx: Tx,
  workflows: Workflows,
  wf: WorkflowRow,
  former: User,
  changes: readonly HandoverChange[],
): Promise<boolean> {
  const holder = await tx.csm(wf.assigned_to)
  if (!holder) return false
  if ((await tx.stepResults(wf.id)).some((r) => r.completed_by === holder.email)) return false
  // Acting for the workflow's holder, in the former CSM's name: steps are credited to who did them.
  const acting: User = { id: holder.id, email: former.email, role: 'csm' }
  try {
    await tx.savepoint(async () => {
      for (const change of changes) {
        const body = { ...change.body }
        if (change.kind === 'start') await workflows.start(acting, wf.id, { ...body, csmId: holder.id }, tx)
        else if (change.kind === 'complete-step') {
          const stepId = decodeURIComponent(/\/steps\/([^/]+)\/complete$/.exec(change.path)?.[1] ?? '')
          await workflows.completeStep(acting, wf.id, stepId, body, tx)
        } else if (change.kind === 'complete-workflow') await workflows.completeWorkflow(acting, wf.id, body, tx)
        else if (change.kind === 'snooze') await workflows.snooze(acting, wf.id, body, tx)
        else await workflows.resume(acting, wf.id, tx)
      }
    })
    return true
  } catch (error) {
    if (error instanceof ApiError) return false
    throw error
  }
}
