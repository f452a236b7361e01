import type { FormEvent, KeyboardEvent } from 'react'
import { useDrafts } from '../stores/drafts'
import { useSession } from '../stores/session'
import { useWorkflow } from '../stores/workflow'
import { ErrorNotice } from './ErrorNotice'
import { useFocusAfterAdvance } from '../focus-after-advance'
import { FieldErrors } from './FieldErrors'

export function CompleteWorkflowForm({
  workflowId,
  early,
  onCancel,
}: {
  workflowId: string
  early: boolean
  onCancel: () => void
}) {
  const service = useSession((s) => s.service)
  const { context, submitting, submitError, completeWorkflow } = useWorkflow()
  const drafts = useDrafts()
  const draft = drafts.workflowDraft(workflowId)
  const update = (change: Partial<typeof draft>) => drafts.updateWorkflow(workflowId, change)
  // After the last step, the keyboard goes on here: the chosen outcome has the focus.
  useFocusAfterAdvance('form[aria-label="Complete workflow"] input[name="wf-status"]:checked')

  const submit = async () => {
    if (!service || submitting || !context) return
    const startedAt = context.workflow.startedAt ? Date.parse(context.workflow.startedAt) : Date.now()
    const nextSteps = draft.nextSteps
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
    const ok = await completeWorkflow(service, {
      completedAt: new Date().toISOString(),
      totalDuration: Math.max(0, Math.round((Date.now() - startedAt) / 1000)),
      status: draft.status,
      outcomes: {
        confidence: draft.confidence,
        ...(draft.notes.trim() ? { notes: draft.notes } : {}),
        ...(nextSteps.length ? { nextSteps } : {}),
      },
    })
    if (ok) drafts.clearWorkflow(workflowId)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void submit()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
    }
  }
  return (
    <form className="step-form" aria-label="Complete workflow" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <h2>{early ? 'Complete the workflow now' : 'All steps done: complete the workflow'}</h2>
      {early && (
        <p className="muted">Steps not done yet are recorded as skipped (for example, the customer renewed early).</p>
      )}
      {submitError && <ErrorNotice error={submitError} />}
      <FieldErrors fields={submitError?.fields ?? {}} />
      <fieldset>
        <legend>Outcome</legend>
        {(['success', 'partial', 'failed'] as const).map((status) => (
          <label key={status} className="choice">
            <input
              type="radio"
              name="wf-status"
              checked={draft.status === status}
              onChange={() => update({ status })}
            />
            {status === 'success' ? 'Success' : status === 'partial' ? 'Partial' : 'Failed'}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Confidence</span>
        <select
          value={draft.confidence}
          onChange={(e) => update({ confidence: e.target.value as typeof draft.confidence })}
        >
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </label>
      <label className="field">
        <span>Notes</span>
        <textarea rows={3} value={draft.notes} onChange={(e) => update({ notes: e.target.value })} />
      </label>
      <label className="field">
        <span>Next steps (one per line)</span>
        <textarea rows={3} value={draft.nextSteps} onChange={(e) => update({ nextSteps: e.target.value })} />
      </label>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Complete workflow'} <kbd>Ctrl+Enter</kbd>
        </button>
        {early && (
          <button type="button" onClick={onCancel}>
            Back to the current step
          </button>
        )}
      </div>
    </form>
  )
}
