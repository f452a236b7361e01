export const STAGES = [
  'Overdue',
  'Emergency',
  'Critical',
  'Signature',
  'Finalize',
  'Negotiate',
  'Engage',
  'Prepare',
  'Monitor',
] as const

export type Stage = (typeof STAGES)[number]

export type WorkflowType =
  | 'overdue-renewal'
  | 'emergency-renewal'
  | 'critical-renewal'
  | 'signature-renewal'
  | 'finalize-renewal'
  | 'negotiate-renewal'
  | 'engage-renewal'
  | 'prepare-renewal'
  | 'monitor-renewal'

interface StageInfo {
  stage: Stage
  /** Smallest daysUntilRenewal that falls in this stage. */
  fromDays: number
  urgency: number
  name: string
  workflowType: WorkflowType
}

/** Ordered from the most urgent; a stage runs from its fromDays up to the next one's. */
const STAGE_TABLE: readonly StageInfo[] = [
  { stage: 'Overdue', fromDays: -Infinity, urgency: 100, name: 'Overdue Recovery', workflowType: 'overdue-renewal' },
  { stage: 'Emergency', fromDays: 0, urgency: 90, name: 'Emergency Response Phase', workflowType: 'emergency-renewal' },
  { stage: 'Critical', fromDays: 7, urgency: 80, name: 'Critical Path Phase', workflowType: 'critical-renewal' },
  { stage: 'Signature', fromDays: 14, urgency: 70, name: 'Signature Phase', workflowType: 'signature-renewal' },
  { stage: 'Finalize', fromDays: 30, urgency: 60, name: 'Finalize Terms Phase', workflowType: 'finalize-renewal' },
  { stage: 'Negotiate', fromDays: 60, urgency: 50, name: 'Negotiation Phase', workflowType: 'negotiate-renewal' },
  { stage: 'Engage', fromDays: 90, urgency: 40, name: 'Engagement Phase', workflowType: 'engage-renewal' },
  { stage: 'Prepare', fromDays: 120, urgency: 30, name: 'Preparation Phase', workflowType: 'prepare-renewal' },
  { stage: 'Monitor', fromDays: 180, urgency: 20, name: 'Monitoring Phase', workflowType: 'monitor-renewal' },
]

export function stageInfoFor(daysUntilRenewal: number): StageInfo {
  for (let i = STAGE_TABLE.length - 1; i >= 0; i--) {
    const info = STAGE_TABLE[i]!
    if (daysUntilRenewal >= info.fromDays) return info
  }
  return STAGE_TABLE[0]!
}

export function stageFor(daysUntilRenewal: number): Stage {
  return stageInfoFor(daysUntilRenewal).stage
}

export function infoOfStage(stage: Stage): StageInfo {
  return STAGE_TABLE.find((s) => s.stage === stage)!
}

/** Whether a name is one of the renewal workflow types (a desk names the one it began on). */
export function isWorkflowType(name: string): name is WorkflowType {
  return STAGE_TABLE.some((s) => s.workflowType === name)
}
