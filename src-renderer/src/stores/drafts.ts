import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

export interface NextActionDraft {
  type: 'task' | 'reminder' | 'email' | 'call' | 'meeting'
  description: string
  dueDate: string
  priority: '' | 'high' | 'medium' | 'low'
}

export interface StepDraft {
  /** When the CSM first opened the step; the step's duration counts from here. */
  openedAt: string
  decision: string
  notes: string
  tags: string[]
  nextActions: NextActionDraft[]
  customData: Record<string, string>
  skipReason: string
}

export interface WorkflowDraft {
  status: 'success' | 'partial' | 'failed'
  confidence: 'high' | 'medium' | 'low'
  notes: string
  nextSteps: string
}

interface DraftState {
  steps: Record<string, StepDraft>
  workflows: Record<string, WorkflowDraft>
  stepDraft(workflowId: string, stepId: string): StepDraft
  updateStep(workflowId: string, stepId: string, change: Partial<StepDraft>): void
  clearStep(workflowId: string, stepId: string): void
  workflowDraft(workflowId: string): WorkflowDraft
  updateWorkflow(workflowId: string, change: Partial<WorkflowDraft>): void
  clearWorkflow(workflowId: string): void
}

const stepKey = (workflowId: string, stepId: string) => `${workflowId}/${stepId}`

export function emptyStepDraft(): StepDraft {
  return {
    openedAt: new Date().toISOString(),
    decision: '',
    notes: '',
    tags: [],
    nextActions: [],
    customData: {},
    skipReason: '',
  }
}

const emptyWorkflowDraft = (): WorkflowDraft => ({ status: 'success', confidence: 'high', notes: '', nextSteps: '' })

/**
 * What a CSM has typed and not yet saved, kept in localStorage: it survives navigating away,
 * a reload and an app restart, and is dropped only when the server has accepted it.
 */
export const useDrafts = create<DraftState>()(
  persist(
    (set, get) => ({
      steps: {},
      workflows: {},
      stepDraft: (workflowId, stepId) => get().steps[stepKey(workflowId, stepId)] ?? emptyStepDraft(),
      updateStep: (workflowId, stepId, change) =>
        set((state) => {
          const key = stepKey(workflowId, stepId)
          return { steps: { ...state.steps, [key]: { ...(state.steps[key] ?? emptyStepDraft()), ...change } } }
        }),
      clearStep: (workflowId, stepId) =>
        set((state) => {
          const { [stepKey(workflowId, stepId)]: _, ...rest } = state.steps
          return { steps: rest }
        }),
      workflowDraft: (workflowId) => get().workflows[workflowId] ?? emptyWorkflowDraft(),
      updateWorkflow: (workflowId, change) =>
        set((state) => ({
          workflows: {
            ...state.workflows,
            [workflowId]: { ...(state.workflows[workflowId] ?? emptyWorkflowDraft()), ...change },
          },
        })),
      clearWorkflow: (workflowId) =>
        set((state) => {
          const { [workflowId]: _, ...rest } = state.workflows
          return { workflows: rest }
        }),
    }),
    { name: 'csmdesk.drafts', storage: createJSONStorage(() => localStorage) },
  ),
)
