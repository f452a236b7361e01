import type { StepDefinition, WorkflowDefinition } from './definitions'

/**
 * Steps are worked in order: a workflow's recorded step results are always a prefix of its
 * definition's steps, so the current step is the first one without a result.
 */
export type StepResultStatus = 'completed' | 'skipped'

export interface StepSummary {
  id: string
  name: string
  estimatedTime: string
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes}min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours}h ${rest}min` : `${hours}h`
}

export function summarizeStep(step: StepDefinition): StepSummary {
  return { id: step.id, name: step.name, estimatedTime: formatMinutes(step.estimatedMinutes) }
}

export function currentStepOf(def: WorkflowDefinition, recordedSteps: number): StepDefinition | null {
  return def.steps[recordedSteps] ?? null
}

export function progressOf(def: WorkflowDefinition, recordedSteps: number): number {
  return Math.round((recordedSteps / def.steps.length) * 100) / 100
}

export function remainingMinutes(def: WorkflowDefinition, recordedSteps: number): number {
  return def.steps.slice(recordedSteps).reduce((sum, step) => sum + step.estimatedMinutes, 0)
}

export interface SuggestionInput {
  def: WorkflowDefinition
  /** Steps recorded, including the one just completed or skipped. */
  recordedSteps: number
  decision: string | undefined
  tags: readonly string[]
  riskScore: number | null
  healthScore: number | null
}

export interface Suggestions {
  skipRecommended: boolean
  escalationNeeded: boolean
  estimatedTimeRemaining: string
}

/** Risk at or above this asks for escalation whatever the CSM decided. */
export const ESCALATION_RISK = 80
/** A skippable next step is worth skipping for a customer this healthy and this safe. */
export const SKIP_HEALTH = 80
export const SKIP_RISK = 30

export function suggestionsFor(input: SuggestionInput): Suggestions {
  const next = currentStepOf(input.def, input.recordedSteps)
  const healthy =
    input.healthScore !== null &&
    input.healthScore >= SKIP_HEALTH &&
    input.riskScore !== null &&
    input.riskScore <= SKIP_RISK
  return {
    skipRecommended: next !== null && next.skippable && healthy,
    escalationNeeded:
      input.decision === 'escalate' ||
      input.tags.includes('escalate') ||
      (input.riskScore !== null && input.riskScore >= ESCALATION_RISK),
    estimatedTimeRemaining: formatMinutes(remainingMinutes(input.def, input.recordedSteps)),
  }
}
