import type { ContextStep } from '../../src-main/core/api/types'
import type { StepOutcome } from './api/workflow-service'
import type { StepDraft } from './stores/drafts'

/** Builds the contract's step-completion body from what the CSM entered. */
export function stepOutcome(
  stepId: string,
  step: ContextStep,
  draft: StepDraft,
  status: 'completed' | 'skipped',
  now = new Date(),
): StepOutcome {
  const duration = Math.max(0, Math.round((now.getTime() - Date.parse(draft.openedAt)) / 1000)) || 0
  if (status === 'skipped')
    return { stepId, completedAt: now.toISOString(), duration, status, reason: draft.skipReason.trim(), outputs: {} }
  const customData: Record<string, string | number> = {}
  for (const field of step.outputs.customFields) {
    const raw = draft.customData[field.key]?.trim()
    if (!raw) continue
    customData[field.key] = field.type === 'number' && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw
  }
  const nextActions = draft.nextActions
    .filter((a) => a.description.trim())
    .map((a) => ({
      type: a.type,
      description: a.description.trim(),
      ...(a.dueDate ? { dueDate: a.dueDate } : {}),
      ...(a.priority ? { priority: a.priority } : {}),
    }))
  return {
    stepId,
    completedAt: now.toISOString(),
    duration,
    status,
    outputs: {
      ...(draft.decision ? { decision: draft.decision } : {}),
      ...(draft.notes.trim() ? { notes: draft.notes } : {}),
      ...(draft.tags.length ? { tags: draft.tags } : {}),
      ...(nextActions.length ? { nextActions } : {}),
      ...(Object.keys(customData).length ? { customData } : {}),
    },
  }
}

/**
 * What must be fixed before the step is sent, by field, in plain words: one message beside the
 * field it concerns. Empty when the step can be sent.
 */
export function stepProblems(
  step: ContextStep,
  draft: StepDraft,
  status: 'completed' | 'skipped',
): Record<string, string> {
  const problems: Record<string, string> = {}
  if (status === 'skipped') {
    if (!draft.skipReason.trim()) problems.reason = 'Say why you skip this step'
    return problems
  }
  if (step.outputs.decision.required && !draft.decision) problems['outputs.decision'] = 'Choose a decision'
  if (step.outputs.notes.required && !draft.notes.trim()) problems['outputs.notes'] = 'Write a note'
  for (const field of step.outputs.customFields) {
    const raw = draft.customData[field.key]?.trim()
    if (field.type === 'number' && raw && Number.isNaN(Number(raw)))
      problems[`outputs.customData.${field.key}`] = `${field.label} must be a number`
  }
  return problems
}
