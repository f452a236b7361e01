import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { ContextStep } from '../../../src-main/core/api/types'
import { useDrafts, type NextActionDraft, type StepDraft } from '../stores/drafts'
import { plainFieldMessages } from '../field-messages'
import { stepOutcome, stepProblems } from '../step-outcome'
import { useSession } from '../stores/session'
import { useWorkflow } from '../stores/workflow'
import { ErrorNotice } from './ErrorNotice'
import { useFocusAfterAdvance } from '../focus-after-advance'
import { readable } from '../format'
import { fieldError } from './FieldErrors'

export function StepForm({
  workflowId,
  step,
  skipRecommended,
}: {
  workflowId: string
  step: ContextStep
  skipRecommended: boolean
}) {
  const service = useSession((s) => s.service)
  const { submitting, submitError, completeStep } = useWorkflow()
  const drafts = useDrafts()
  const draft = drafts.stepDraft(workflowId, step.id)
  const update = (change: Partial<StepDraft>) => drafts.updateStep(workflowId, step.id, change)
  const [skipping, setSkipping] = useState(draft.skipReason !== '')
  const [tagInput, setTagInput] = useState('')
  const [problems, setProblems] = useState<Record<string, string>>({})
  const shown = [
    'reason',
    'outputs.decision',
    'outputs.notes',
    ...step.outputs.customFields.map((f) => `outputs.customData.${f.key}`),
  ]
  // One plain message beside the field: the form's own check first, the server's as the fallback.
  const server = plainFieldMessages(submitError?.fields ?? {}, shown)
  const fields = Object.keys(problems).length ? problems : server.beside
  const formError =
    Object.keys(problems).length || !submitError
      ? null
      : Object.keys(submitError.fields ?? {}).length
        ? server.elsewhere && { message: server.elsewhere, offline: false }
        : submitError

  useFocusAfterAdvance('.step-form [data-field="outputs.decision"], .step-form [data-field="reason"]')

  useEffect(() => {
    // Record when the step was first opened, so its duration survives a restart.
    if (!useDrafts.getState().steps[`${workflowId}/${step.id}`])
      useDrafts.getState().updateStep(workflowId, step.id, {})
  }, [workflowId, step.id])

  const submit = async (status: 'completed' | 'skipped') => {
    if (!service || submitting) return
    const found = stepProblems(step, draft, status)
    setProblems(found)
    if (Object.keys(found).length) {
      focusField(Object.keys(found)[0]!)
      return
    }
    const ok = await completeStep(service, stepOutcome(step.id, step, draft, status))
    if (ok) drafts.clearStep(workflowId, step.id)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void submit(skipping ? 'skipped' : 'completed')
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit(skipping ? 'skipped' : 'completed')
    }
  }
  const addTag = (tag: string) => {
    const clean = tag.trim()
    if (clean && !draft.tags.includes(clean)) update({ tags: [...draft.tags, clean] })
  }
  const setAction = (index: number, change: Partial<NextActionDraft>) =>
    update({ nextActions: draft.nextActions.map((a, i) => (i === index ? { ...a, ...change } : a)) })

  return (
    <form className="step-form" aria-label="Step outcome" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      {skipRecommended && step.skippable && (
        <p className="notice info" role="note">
          Suggested: this step can be skipped for this customer.
        </p>
      )}
      {formError && <ErrorNotice error={formError} />}
      {skipping ? (
        <>
          <label className="field">
            <span>Why skip this step?</span>
            <textarea
              value={draft.skipReason}
              onChange={(e) => update({ skipReason: e.target.value })}
              data-field="reason"
              aria-invalid={!!fields.reason}
              rows={2}
              autoFocus
            />
            {fieldError(fields, 'reason')}
          </label>
          {step.skipReasons?.length ? (
            <div className="skip-reasons" role="group" aria-label="Reasons your team gives">
              {step.skipReasons.map((reason) => (
                <button key={reason} type="button" className="chip" onClick={() => update({ skipReason: reason })}>
                  {reason}
                </button>
              ))}
            </div>
          ) : null}
        </>
      ) : (
        <>
          <fieldset className="decision" aria-invalid={!!fields['outputs.decision']}>
            <legend>Decision{step.outputs.decision.required ? ' (required)' : ''}</legend>
            {step.outputs.decision.options.map((option) => (
              <label key={option.value} className="choice">
                <input
                  type="radio"
                  name="decision"
                  value={option.value}
                  checked={draft.decision === option.value}
                  onChange={() => update({ decision: option.value })}
                  data-field="outputs.decision"
                />
                {option.label}
              </label>
            ))}
            {fieldError(fields, 'outputs.decision')}
          </fieldset>
          <label className="field">
            <span>Notes{step.outputs.notes.required ? ' (required)' : ''}</span>
            <textarea
              value={draft.notes}
              onChange={(e) => update({ notes: e.target.value })}
              data-field="outputs.notes"
              rows={4}
              aria-invalid={!!fields['outputs.notes']}
            />
            {fieldError(fields, 'outputs.notes')}
          </label>
          <div className="field">
            <label htmlFor="tag-input">Tags</label>
            <div className="tags">
              {draft.tags.map((tag) => (
                <button
                  type="button"
                  key={tag}
                  className="chip on"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => update({ tags: draft.tags.filter((t) => t !== tag) })}
                >
                  {tag} ×
                </button>
              ))}
              {step.outputs.tags.suggestions
                .filter((t) => !draft.tags.includes(t))
                .map((tag) => (
                  <button
                    type="button"
                    key={tag}
                    className="chip"
                    aria-label={`Add tag ${tag}`}
                    onClick={() => addTag(tag)}
                  >
                    + {tag}
                  </button>
                ))}
              <input
                id="tag-input"
                value={tagInput}
                placeholder="New tag, Enter to add"
                onChange={(e) => setTagInput(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault()
                    addTag(tagInput)
                    setTagInput('')
                  }
                }}
              />
            </div>
          </div>
          {step.outputs.customFields.length > 0 && (
            <fieldset className="custom">
              <legend>Details</legend>
              {step.outputs.customFields.map((field) => (
                <label className="field" key={field.key}>
                  <span>{field.label}</span>
                  {field.type === 'select' ? (
                    <select
                      value={draft.customData[field.key] ?? ''}
                      onChange={(e) => update({ customData: { ...draft.customData, [field.key]: e.target.value } })}
                    >
                      <option value="">–</option>
                      {field.options?.map((o) => (
                        <option key={o} value={o}>
                          {readable(o)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      type={field.type === 'number' ? 'number' : 'text'}
                      step="any"
                      value={draft.customData[field.key] ?? ''}
                      onChange={(e) => update({ customData: { ...draft.customData, [field.key]: e.target.value } })}
                      aria-invalid={!!fields[`outputs.customData.${field.key}`]}
                      data-field={`outputs.customData.${field.key}`}
                    />
                  )}
                  {fieldError(fields, `outputs.customData.${field.key}`)}
                </label>
              ))}
            </fieldset>
          )}
          {step.outputs.nextActions && (
            <fieldset className="actions">
              <legend>Next actions</legend>
              {draft.nextActions.map((action, index) => (
                <div className="action-row" key={index} role="group" aria-label={`Next action ${index + 1}`}>
                  <select
                    aria-label="Type"
                    value={action.type}
                    onChange={(e) => setAction(index, { type: e.target.value as NextActionDraft['type'] })}
                  >
                    {['task', 'reminder', 'email', 'call', 'meeting'].map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                  <input
                    aria-label="Description"
                    value={action.description}
                    onChange={(e) => setAction(index, { description: e.target.value })}
                  />
                  <input
                    aria-label="Due date"
                    type="date"
                    value={action.dueDate}
                    onChange={(e) => setAction(index, { dueDate: e.target.value })}
                  />
                  <select
                    aria-label="Priority"
                    value={action.priority}
                    onChange={(e) => setAction(index, { priority: e.target.value as NextActionDraft['priority'] })}
                  >
                    <option value="">priority</option>
                    <option value="high">high</option>
                    <option value="medium">medium</option>
                    <option value="low">low</option>
                  </select>
                  <button
                    type="button"
                    aria-label={`Remove next action ${index + 1}`}
                    onClick={() => update({ nextActions: draft.nextActions.filter((_, i) => i !== index) })}
                  >
                    ×
                  </button>
                </div>
              ))}
              <button
                type="button"
                onClick={() =>
                  update({
                    nextActions: [...draft.nextActions, { type: 'task', description: '', dueDate: '', priority: '' }],
                  })
                }
              >
                Add next action
              </button>
            </fieldset>
          )}
        </>
      )}
      <div className="form-buttons">
        {skipping ? (
          <>
            <button type="submit" className="primary" disabled={submitting}>
              Skip step
            </button>
            <button
              type="button"
              onClick={() => {
                setSkipping(false)
                update({ skipReason: '' })
              }}
            >
              Cancel skip
            </button>
          </>
        ) : (
          <>
            <button type="submit" className="primary" disabled={submitting}>
              {submitting ? 'Saving…' : 'Complete step'} <kbd>Ctrl+Enter</kbd>
            </button>
            {step.skippable && (
              <button type="button" onClick={() => setSkipping(true)}>
                Skip with a reason…
              </button>
            )}
          </>
        )}
        <span className="muted">Your input is saved as you type.</span>
      </div>
    </form>
  )
}

/** Moves focus to the first control of a field the CSM must fix. */
function focusField(field: string): void {
  document.querySelector<HTMLElement>(`.step-form [data-field="${CSS.escape(field)}"]`)?.focus()
}
