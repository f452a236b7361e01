import { create } from 'zustand'
import type { CompleteWorkflowResponse, Suggestions, WorkflowContext } from '../../../src-main/core/api/types'
import {
  ApiFailure,
  type ForecastChange,
  type RenewalChange,
  type StepContent,
  type StepOutcome,
  type WorkflowOutcome,
  type WorkflowService,
} from '../api/workflow-service'
import { describeError } from './errors'
import { useSession } from './session'
import { useSync } from './sync'

export interface SubmitError {
  message: string
  offline: boolean
  fields: Record<string, string>
}

interface WorkflowState {
  id: string | null
  context: WorkflowContext | null
  /** The step whose content is shown: the current one, or a done one the CSM looks back at. */
  viewedStepId: string | null
  content: StepContent | null
  loading: boolean
  error: { message: string; offline: boolean } | null
  submitting: boolean
  submitError: SubmitError | null
  /** Counts starts and completed steps: the next step's form takes the focus once after each. */
  advanced: number
  suggestions: Suggestions | null
  completion: CompleteWorkflowResponse | null
  open(service: WorkflowService, id: string): Promise<void>
  viewStep(service: WorkflowService, stepId: string): Promise<void>
  start(service: WorkflowService, csmId: string): Promise<boolean>
  completeStep(service: WorkflowService, outcome: StepOutcome): Promise<boolean>
  completeWorkflow(service: WorkflowService, outcome: WorkflowOutcome): Promise<boolean>
  snooze(service: WorkflowService, until: string, reason: string): Promise<boolean>
  setForecast(service: WorkflowService, forecast: ForecastChange): Promise<boolean>
  recordRenewal(service: WorkflowService, outcome: RenewalChange): Promise<boolean>
  resume(service: WorkflowService): Promise<boolean>
  /** The host says this workflow changed (another device, a pull): show it as it is now, quietly. */
  changed(service: WorkflowService): Promise<void>
}

function submitError(error: unknown): SubmitError {
  return { ...describeError(error), fields: error instanceof ApiFailure ? error.fields : {} }
}

function shownStep(context: WorkflowContext): string | null {
  return context.workflow.currentStep?.id ?? context.workflow.steps[0]?.id ?? null
}

export const useWorkflow = create<WorkflowState>((set, get) => {
  async function refresh(service: WorkflowService, id: string): Promise<void> {
    const transport = useSession.getState().transport
    if (transport) {
      // Once now, and once after the host's own sync attempt (it follows each change shortly).
      void useSync.getState().refresh(transport)
      setTimeout(() => void useSync.getState().refresh(transport), 1500)
    }
    const context = await service.getWorkflowContext(id)
    const stepId = shownStep(context)
    const content = stepId ? await service.getStepContent(id, stepId) : null
    if (get().id === id) set({ context, content, viewedStepId: stepId, loading: false, error: null })
  }

  /** Sends one change, then shows the workflow as the server now has it; errors stay on the form. */
  async function submit(
    service: WorkflowService,
    change: (id: string) => Promise<void>,
    advances = false,
  ): Promise<boolean> {
    const id = get().id!
    set({ submitting: true, submitError: null })
    try {
      await change(id)
      // Counted before the refresh renders the next step, so its form sees it when it mounts.
      if (advances) set({ advanced: get().advanced + 1 })
      await refresh(service, id)
      set({ submitting: false })
      return true
    } catch (error) {
      set({ submitting: false, submitError: submitError(error) })
      return false
    }
  }

  return {
    id: null,
    context: null,
    viewedStepId: null,
    content: null,
    loading: false,
    error: null,
    submitting: false,
    submitError: null,
    advanced: 0,
    suggestions: null,
    completion: null,

    async open(service, id) {
      const same = get().id === id
      set({
        id,
        loading: true,
        error: null,
        submitError: null,
        ...(same ? {} : { context: null, content: null, suggestions: null, completion: null }),
      })
      try {
        await refresh(service, id)
      } catch (error) {
        if (get().id === id) set({ loading: false, error: describeError(error) })
      }
    },

    async viewStep(service, stepId) {
      const id = get().id
      if (!id) return
      set({ viewedStepId: stepId })
      try {
        const content = await service.getStepContent(id, stepId)
        if (get().viewedStepId === stepId) set({ content })
      } catch (error) {
        set({ error: describeError(error) })
      }
    },

    start: (service, csmId) => submit(service, async (id) => void (await service.startWorkflow(id, csmId)), true),

    async changed(service) {
      const id = get().id
      // A change being sent from here shows when it lands; a failed reload keeps what is shown.
      if (!id || get().submitting) return
      try {
        const context = await service.getWorkflowContext(id)
        // Looking at the current step: follow it to the new current one. Looking back: stay.
        const before = get().viewedStepId
        const wasCurrent = !before || before === shownStep(get().context ?? context)
        const stepId = wasCurrent ? shownStep(context) : before
        const content = stepId ? await service.getStepContent(id, stepId) : null
        if (get().id !== id || get().submitting) return
        // The CSM picked another step meanwhile: their choice stands; only the data is refreshed.
        if (get().viewedStepId !== before) set({ context })
        else set({ context, content, viewedStepId: stepId })
      } catch {
        // Offline or gone: the screen keeps what it has; the next change or visit tries again.
      }
    },

    completeStep: (service, outcome) =>
      submit(
        service,
        async (id) => {
          const response = await service.completeStep(id, outcome.stepId, outcome)
          set({ suggestions: response.suggestions })
        },
        true,
      ),

    snooze: (service, until, reason) =>
      submit(service, async (id) => void (await service.snoozeWorkflow(id, until, reason))),

    setForecast: (service, forecast) =>
      submit(service, async () => void (await service.setForecast(get().context!.customer.id, forecast))),

    recordRenewal: (service, outcome) =>
      submit(service, async () => void (await service.recordRenewal(get().context!.customer.id, outcome))),

    resume: (service) => submit(service, async (id) => void (await service.resumeWorkflow(id))),

    completeWorkflow: (service, outcome) =>
      submit(service, async (id) => {
        const completion = await service.completeWorkflow(id, outcome)
        set({ completion, suggestions: null })
      }),
  }
})
