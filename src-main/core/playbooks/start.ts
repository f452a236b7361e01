import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import { addDays, isoDay } from '../clock'
import { ownedAccount } from '../renewals/forecasts'
import type { Tx } from '../store/db'
import { audit } from '../team/audit'
import type { ChangeDeps } from '../workflows/changes'
import { workflowChanged } from '../workflows/rules'
import { pendingWorkflow } from '../store/workflow-row'
import { PLAYBOOK_ID, type StartablePlaybook, type StartPlaybookResponse } from './types'

/** How far ahead a started playbook may be due. */
const MAX_DUE_DAYS = 730

const startPlaybookBody = z.strictObject({
  playbook: z.string().regex(PLAYBOOK_ID, 'must be a playbook id'),
  dueDate: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }),
  note: z.string().trim().max(2000).optional(),
  /** An admin starts one for a CSM. */
  assigneeId: z.string().min(1).max(200).optional(),
  /** A desk names the workflow it made offline, and the version it began on (decision 0019). */
  id: z
    .string()
    .regex(/^wf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be wf- and a UUID')
    .optional(),
  version: z.number().int().min(1).max(1_000_000).optional(),
})

/**
 * Starts one of the team's own playbooks on an account: a pending workflow in the assignee's
 * queue, its urgency from its due day. The planner's renewal playbooks are not started by hand.
 */
export async function startPlaybook(
  tx: Tx,
  deps: ChangeDeps,
  user: User,
  customerId: string,
  rawBody: unknown,
): Promise<StartPlaybookResponse> {
  const body = parseBody(startPlaybookBody, rawBody)
  const customer = await ownedAccount(tx, user, customerId)
  if (customer.status === 'churned') throw validationError({ customerId: `${customer.name} has churned` })
  const assigneeId = body.assigneeId ?? (user.role === 'admin' ? customer.owner_id : user.id)
  if (assigneeId !== user.id && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', 'Only admins can start a playbook for someone else', { assigneeId })
  const assignee = await tx.csm(assigneeId)
  if (!assignee || !assignee.active || assignee.role !== 'csm')
    throw validationError({ assigneeId: `${assigneeId} is not an active CSM` })
  const playbook = await tx.playbook(body.playbook)
  if (!playbook) throw validationError({ playbook: `there is no playbook ${body.playbook}` })
  if (playbook.kind === 'renewal')
    throw validationError({ playbook: `${body.playbook} is a renewal playbook: the planner starts those` })
  if (playbook.published_version === null)
    throw validationError({ playbook: `${body.playbook} has not been published yet` })
  const version = body.version ?? playbook.published_version
  if (!(await tx.playbookVersion(body.playbook, version)))
    throw validationError({ version: `is not a published version of ${body.playbook}` })
  const day = isoDay(deps.clock.now())
  if (body.dueDate > addDays(day, MAX_DUE_DAYS))
    throw validationError({ dueDate: `must be at most ${MAX_DUE_DAYS} days ahead` })
  const id = body.id ?? `wf-${randomUUID()}`
  const note = body.note || null
  const answer: StartPlaybookResponse = {
    success: true,
    workflow: {
      id,
      type: body.playbook,
      playbookVersion: version,
      status: 'pending',
      customerId,
      assigneeId,
      dueDate: body.dueDate,
      note,
    },
  }
  const existing = await tx.workflow(id)
  if (existing) {
    // A desk's resend: the workflow it made is here already.
    if (existing.customer_id === customerId && existing.type === body.playbook) return answer
    throw validationError({ id: `${id} is taken` })
  }
  const wf = {
    ...pendingWorkflow({
      id,
      customer_id: customerId,
      type: body.playbook,
      assigned_to: assigneeId,
      assigned_at: deps.wallClock().toISOString(),
      renewal_date: null,
    }),
    playbook_version: version,
    due_date: body.dueDate,
    note,
  }
  await tx.insertStartedWorkflow(wf)
  await workflowChanged(tx, wf, deps.wallClock())
  if (assigneeId !== user.id)
    await audit(tx, deps.wallClock(), user, 'playbook-started', {
      subject: id,
      details: { playbook: body.playbook, customerId, assigneeId },
    })
  await deps.record({
    workflowId: id,
    kind: 'start-playbook',
    path: `/accounts/${encodeURIComponent(customerId)}/workflows`,
    body: { id, playbook: body.playbook, version, dueDate: body.dueDate, ...(note ? { note } : {}), assigneeId },
  })
  return answer
}

/** The team's own published playbooks, which a CSM can start on an account. */
export async function startablePlaybooks(tx: Tx): Promise<{ success: true; playbooks: StartablePlaybook[] }> {
  const playbooks: StartablePlaybook[] = []
  for (const row of await tx.playbooks()) {
    if (row.kind !== 'custom' || row.published_version === null) continue
    const version = await tx.playbookVersion(row.id, row.published_version)
    if (!version) continue
    const body = JSON.parse(version.body_json) as { name: string; title: string; steps: { estimatedMinutes: number }[] }
    playbooks.push({
      id: row.id,
      name: body.name,
      title: body.title,
      version: row.published_version,
      steps: body.steps.length,
      estimatedMinutes: body.steps.reduce((sum, s) => sum + s.estimatedMinutes, 0),
    })
  }
  return { success: true, playbooks }
}
