import { STAGES, infoOfStage, type Stage } from '../domain/stages'
import type { PlaybooksTx } from '../store/playbooks-tx'

/**
 * Which playbook the planner starts in each renewal stage: the stage's own, unless an admin
 * pointed it at another (decision 0019).
 */
export class StagePlaybooks {
  private readonly byStage = new Map<Stage, string>()
  private readonly byPlaybook = new Map<string, Stage>()

  constructor(pointed: readonly { stage: string; playbook_id: string }[]) {
    for (const stage of STAGES) this.set(stage, infoOfStage(stage).workflowType)
    for (const row of pointed)
      if ((STAGES as readonly string[]).includes(row.stage)) this.set(row.stage as Stage, row.playbook_id)
  }

  private set(stage: Stage, playbookId: string): void {
    this.byPlaybook.delete(this.byStage.get(stage) ?? '')
    this.byStage.set(stage, playbookId)
    this.byPlaybook.set(playbookId, stage)
  }

  forStage(stage: Stage): string {
    return this.byStage.get(stage)!
  }

  /** The stage a playbook runs in for the planner; a renewal playbook no stage uses keeps its own. */
  stageOf(playbookId: string): Stage | null {
    const pointed = this.byPlaybook.get(playbookId)
    if (pointed) return pointed
    return STAGES.find((s) => infoOfStage(s).workflowType === playbookId) ?? null
  }

  entries(): { stage: Stage; playbookId: string }[] {
    return STAGES.map((stage) => ({ stage, playbookId: this.forStage(stage) }))
  }
}

export async function stagePlaybooks(tx: Pick<PlaybooksTx, 'stagePlaybooks'>): Promise<StagePlaybooks> {
  return new StagePlaybooks(await tx.stagePlaybooks())
}
