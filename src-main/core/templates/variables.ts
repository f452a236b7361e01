import type { WorkflowContext } from '../api/types'
import type { Person } from '../api/types'

export interface StepOutputVariables {
  status: 'completed' | 'skipped'
  reason: string | null
  decision?: unknown
  notes?: unknown
  tags?: unknown
  customData?: unknown
  nextActions?: unknown
}

/**
 * What a step template sees: the workflow context (the contract's paths), each earlier step's
 * outputs under `steps.<step-id>`, the CSM working it, and the business clock's today.
 */
export interface TemplateVariables extends WorkflowContext {
  steps: Record<string, StepOutputVariables>
  csm: Person
  today: string
}

export function templateVariables(context: WorkflowContext, csm: Person, today: string): TemplateVariables {
  const steps: Record<string, StepOutputVariables> = {}
  for (const step of context.workflow.steps) {
    if (step.result) steps[step.id] = { ...step.result.outputs, status: step.result.status, reason: step.result.reason }
  }
  return { ...context, steps, csm, today }
}
