import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError, workflowNotFound } from '../api/errors'
import type { Tx } from '../store/db'
import { assertOpen } from '../workflows/rules'
import { audit } from './audit'

export const reassignBody = z.strictObject({
  workflowIds: z.array(z.string().min(1).max(200)).min(1).max(1000),
  toCsmId: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(1000),
  alsoOwner: z.boolean().optional(),
})

/** The CSM work may go to: an active CSM of the team. */
export async function receivingCsm(tx: Tx, id: string, field = 'toCsmId'): Promise<void> {
  const to = await tx.csm(id)
  if (!to) throw new ApiError('NOT_FOUND', `CSM with ID ${id} not found`, { csmId: id })
  if (!to.active) throw validationError({ [field]: `is deactivated: ${to.name} cannot take work` })
  if (to.role !== 'csm') throw validationError({ [field]: `is an admin: work goes to CSMs` })
}

/**
 * Moves workflows to another CSM in one transaction: all of them or none. Each is locked, so a
 * step its CSM completes meanwhile lands before the move (and moves with it) or is refused
 * after it (403): nothing is half-applied. In-progress work keeps its step results.
 */
export async function reassign(
  tx: Tx,
  actor: User,
  at: Date,
  body: z.infer<typeof reassignBody>,
): Promise<{ success: true; reassigned: number }> {
  await receivingCsm(tx, body.toCsmId)
  const ids = [...new Set(body.workflowIds)].sort()
  const when = at.toISOString()
  const moved: { id: string; from: string; fromName: string; account: string }[] = []
  for (const id of ids) {
    const wf = await tx.workflow(id, true)
    if (!wf) throw workflowNotFound(id)
    assertOpen(wf)
    if (body.alsoOwner) {
      const owner = (await tx.customer(wf.customer_id))?.owner_id
      await tx.setOwner(wf.customer_id, body.toCsmId)
      if (owner && owner !== body.toCsmId) await tx.moveOpenTasksOfCustomer(wf.customer_id, owner, body.toCsmId)
    }
    if (wf.assigned_to === body.toCsmId) continue
    await tx.reassignWorkflow(id, body.toCsmId, when)
    // The former CSM may still hand over what they did offline; the open tasks go with the work.
    await tx.recordFormerAssignee(id, wf.assigned_to, when)
    await tx.moveOpenTasksOfWorkflow(id, body.toCsmId)
    moved.push({
      id,
      from: wf.assigned_to,
      fromName: (await tx.csm(wf.assigned_to))?.name ?? wf.assigned_to,
      account: (await tx.customer(wf.customer_id))?.name ?? wf.customer_id,
    })
    const change = { workflow_id: id, customer_id: wf.customer_id, at: when }
    await tx.recordChange({ ...change, user_id: wf.assigned_to, type: 'workflow-unassigned' })
    await tx.recordChange({ ...change, user_id: body.toCsmId, type: 'workflow-assigned' })
  }
  await audit(tx, at, actor, 'reassign', {
    subject: body.toCsmId,
    reason: body.reason,
    details: { workflows: moved, alsoOwner: body.alsoOwner ?? false },
  })
  return { success: true, reassigned: moved.length }
}

export function parseReassign(raw: unknown) {
  return parseBody(reassignBody, raw)
}
