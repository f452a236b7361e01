import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import { STAGES, infoOfStage } from '../domain/stages'
import type { Db } from '../store/db'
import { audit } from '../team/audit'
import { stagePlaybooks } from './stages'
import { PLAYBOOK_ID, type StagePlaybook } from './types'

const pointBody = z.strictObject({ playbookId: z.string().regex(PLAYBOOK_ID, 'must be a playbook id') })

/** Which playbook the planner starts in each renewal stage. */
export async function stagesOf(db: Db): Promise<{ success: true; stages: StagePlaybook[] }> {
  const stages = await db.read((tx) => stagePlaybooks(tx))
  return {
    success: true,
    stages: stages.entries().map((e) => ({ ...e, ownPlaybookId: infoOfStage(e.stage).workflowType })),
  }
}

/**
 * Points a stage at a playbook: its own, or a published team playbook no other stage uses.
 * Pending renewal workflows of the stage move to it; those begun finish on theirs.
 */
export async function pointStage(
  db: Db,
  now: Date,
  user: User,
  rawStage: string,
  raw: unknown,
): Promise<{ success: true; moved: number }> {
  const stage = STAGES.find((s) => s === rawStage)
  if (!stage) throw new ApiError('NOT_FOUND', `No stage ${rawStage}`, { stage: rawStage, stages: STAGES })
  const { playbookId } = parseBody(pointBody, raw)
  const at = now.toISOString()
  return db.write(async (tx) => {
    // The planner reads the stages under this lock: it never plans half-pointed.
    await tx.lock('renewal-planner')
    const stages = await stagePlaybooks(tx)
    const from = stages.forStage(stage)
    if (from === playbookId) return { success: true, moved: 0 }
    const own = infoOfStage(stage).workflowType
    if (playbookId !== own) {
      const target = await tx.playbook(playbookId)
      if (!target) throw validationError({ playbookId: `there is no playbook ${playbookId}` })
      if (target.kind === 'renewal')
        throw validationError({ playbookId: `${playbookId} is another stage’s own playbook` })
      if (target.published_version === null)
        throw validationError({ playbookId: `${playbookId} has not been published yet` })
      const usedBy = stages.stageOf(playbookId)
      if (usedBy) throw validationError({ playbookId: `${playbookId} is already the ${usedBy} stage’s` })
    }
    await tx.pointStage(stage, playbookId === own ? null : playbookId, at, user.email)
    const moved = await tx.repointPending(from, playbookId)
    for (const assignee of new Set(moved.map((m) => m.assigned_to)))
      await tx.recordChange({ user_id: assignee, type: 'queue-changed', workflow_id: null, customer_id: null, at })
    await audit(tx, now, user, 'stage-pointed', {
      subject: stage,
      details: { from, to: playbookId, moved: moved.length },
    })
    return { success: true, moved: moved.length }
  })
}
