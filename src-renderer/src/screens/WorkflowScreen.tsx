import { Fragment, useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import DOMPurify from 'dompurify'
import type { ContextStep, HistoryEntry, WorkflowContext } from '../../../src-main/core/api/types'
import { ContextPanel } from '../components/ContextPanel'
import { StartPlaybook } from '../components/StartPlaybook'
import { ForecastPanel } from '../components/ForecastPanel'
import { Handovers } from '../components/Handovers'
import { enhanceDrafts } from '../drafts'
import { ErrorNotice } from '../components/ErrorNotice'
import { StepForm } from '../components/StepForm'
import { CompleteWorkflowForm } from '../components/CompleteWorkflowForm'
import { addDays, formatDate, formatDays, formatStatus, readable } from '../format'
import { navigate } from '../router'
import { businessToday, useSession } from '../stores/session'
import { useWorkflow } from '../stores/workflow'
import { useShortcuts } from '../shortcuts'

export function WorkflowScreen({ id }: { id: string }) {
  const { service, user } = useSession()
  const state = useWorkflow()
  const { context, content, loading, error, open } = state
  const [finishingEarly, setFinishingEarly] = useState(false)

  useEffect(() => {
    if (service) void open(service, id)
  }, [service, id, open])

  const canStart = context?.workflow.status === 'pending' && context.workflow.assignedTo === user?.email
  const start = () => service && user && canStart && void state.start(service, user.id)
  useShortcuts({ Escape: () => navigate({ name: 'queue' }), s: start })

  if (!context || context.workflow.id !== id) {
    if (error) return <ErrorNotice error={error} onRetry={() => service && void open(service, id)} />
    return (
      <p className="loading" role="status">
        {loading ? 'Opening workflow…' : ''}
      </p>
    )
  }
  const wf = context.workflow
  const viewed = wf.steps.find((s) => s.id === state.viewedStepId) ?? null
  const allRecorded = wf.status === 'in_progress' && wf.currentStep === null
  return (
    <main className="workflow-screen">
      <header className="wf-header">
        <a href="#/" className="back">
          ← Queue <kbd>Esc</kbd>
        </a>
        <h1>{context.customer.name}</h1>
        <p className="wf-facts">
          <span className={`stage stage-${wf.stage.toLowerCase()}`}>{wf.stage}</span> {wf.title} ·{' '}
          {wf.dueDate ? (
            <>due {formatDate(wf.dueDate)}</>
          ) : (
            <>
              renews {formatDate(context.customer.renewalDate)} ({formatDays(wf.daysUntilRenewal)})
            </>
          )}{' '}
          · {formatStatus(wf.status)} · priority {wf.priorityScore}
        </p>
        {wf.note && <p className="wf-note">{wf.note}</p>}
        <StartPlaybook customerId={context.customer.id} customerName={context.customer.name} />
        <div
          className="progress"
          role="progressbar"
          aria-label="Workflow progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(wf.progress * 100)}
        >
          <span style={{ width: `${Math.round(wf.progress * 100)}%` }} />
        </div>
        <p className="muted">
          {Math.round(wf.progress * 100)}% done · {wf.estimatedTimeRemaining} left
        </p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => service && void open(service, id)} />}
      {(wf.status === 'pending' || wf.status === 'in_progress') && <SnoozeBar />}
      <div className="wf-columns">
        <StepList
          context={context}
          viewedId={state.viewedStepId}
          onView={(stepId) => service && void state.viewStep(service, stepId)}
        />
        <section className="wf-main" aria-label="Step">
          {state.completion && <Completed />}
          {state.suggestions?.escalationNeeded && wf.status === 'in_progress' && (
            <div className="notice warn" role="note">
              <strong>Escalation recommended.</strong> The last outcome or this customer's risk calls for your manager's
              attention.
            </div>
          )}
          {viewed && content && content.stepId === viewed.id && (
            <article className="step-content" aria-labelledby="step-title">
              <h2 id="step-title">
                {viewed.name} <span className="muted">{viewed.estimatedTime}</span>
              </h2>
              {content.missing.length > 0 && (
                <p className="notice warn" role="note">
                  Some data for this step is missing: {content.missing.join(', ')}.
                </p>
              )}
              <Rendered html={content.html} />
            </article>
          )}
          {canStart && (
            <div className="start-bar">
              <button type="button" className="primary" onClick={start} disabled={state.submitting}>
                Start workflow <kbd>s</kbd>
              </button>
              {state.submitError && <ErrorNotice error={state.submitError} />}
            </div>
          )}
          {wf.status === 'in_progress' && viewed?.state === 'current' && !finishingEarly && (
            <StepForm
              key={`${id}/${viewed.id}`}
              workflowId={id}
              step={viewed}
              skipRecommended={!!state.suggestions?.skipRecommended}
            />
          )}
          {viewed?.result && <RecordedOutcome step={viewed} />}
          {(allRecorded || finishingEarly) && !state.completion && (
            <CompleteWorkflowForm workflowId={id} early={!allRecorded} onCancel={() => setFinishingEarly(false)} />
          )}
          {wf.status === 'in_progress' && !allRecorded && !finishingEarly && (
            <button type="button" className="subtle" onClick={() => setFinishingEarly(true)}>
              Complete the workflow now (remaining steps are skipped)
            </button>
          )}
          {wf.status === 'completed' && !state.completion && (
            <p className="notice done" role="status">
              Completed {wf.completedAt ? formatDate(wf.completedAt) : ''}.
            </p>
          )}
          {(wf.status === 'superseded' || wf.status === 'cancelled') && (
            <p className="notice info" role="status">
              {wf.status === 'superseded'
                ? 'Closed: the account renewed before this was done, and a workflow for its new renewal date took its place.'
                : 'Closed: the account churned.'}{' '}
              {wf.closedAt ? formatDate(wf.closedAt) : ''}. What was recorded stays here to read.
            </p>
          )}
          <OpenTasks tasks={context.tasks} />
          <Handovers handovers={context.handovers} />
          <History entries={context.history} />
        </section>
        <ContextPanel context={context}>
          {context.forecast && <ForecastPanel forecast={context.forecast} />}
        </ContextPanel>
      </div>
    </main>
  )
}

function StepList({
  context,
  viewedId,
  onView,
}: {
  context: WorkflowContext
  viewedId: string | null
  onView: (id: string) => void
}) {
  const label: Record<ContextStep['state'], string> = {
    done: 'Done',
    skipped: 'Skipped',
    current: 'Current',
    upcoming: 'Upcoming',
  }
  return (
    <nav className="steps" aria-label="Steps">
      <ol>
        {context.workflow.steps.map((step) => (
          <li key={step.id} className={`step ${step.state}${step.id === viewedId ? ' viewed' : ''}`}>
            <button
              type="button"
              onClick={() => step.state !== 'upcoming' && onView(step.id)}
              aria-current={step.state === 'current' ? 'step' : undefined}
              // Not `disabled`: a disabled button is dimmed past reading, and contrast checkers skip it.
              aria-disabled={step.state === 'upcoming' || undefined}
            >
              <span className="step-name">{step.name}</span>
              <span className="step-meta">
                {label[step.state]} · {step.estimatedTime}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** The account's open tasks, whoever's step they came from: what was promised is never out of view. */
function OpenTasks({ tasks }: { tasks: WorkflowContext['tasks'] }) {
  if (!tasks.length) return null
  return (
    <section className="open-tasks" aria-label="Open tasks on this account">
      <h2>Open tasks on this account</h2>
      <ul>
        {tasks.map((task) => (
          <li key={task.id}>
            {task.description}
            {task.dueDate ? <span className="muted"> · due {formatDate(task.dueDate)}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function RecordedOutcome({ step }: { step: ContextStep }) {
  const result = step.result!
  const outputs = result.outputs as {
    decision?: string
    notes?: string
    tags?: string[]
    customData?: Record<string, string | number | boolean | null>
    nextActions?: { type: string; description: string; dueDate?: string }[]
  }
  const decision = step.outputs.decision.options.find((o) => o.value === outputs.decision)?.label ?? outputs.decision
  return (
    <section className="recorded" aria-label="Recorded outcome">
      <h3>{result.status === 'skipped' ? 'Skipped' : 'Outcome'}</h3>
      {result.status === 'skipped' ? (
        <p>Reason: {result.reason}</p>
      ) : (
        <dl>
          {decision && (
            <>
              <dt>Decision</dt>
              <dd>{decision}</dd>
            </>
          )}
          {outputs.notes && (
            <>
              <dt>Notes</dt>
              <dd>{outputs.notes}</dd>
            </>
          )}
          {outputs.tags?.length ? (
            <>
              <dt>Tags</dt>
              <dd>{outputs.tags.join(', ')}</dd>
            </>
          ) : null}
          {step.outputs.customFields.map((field) =>
            outputs.customData?.[field.key] !== undefined && outputs.customData[field.key] !== null ? (
              <Fragment key={field.key}>
                <dt>{field.label}</dt>
                <dd>{readable(String(outputs.customData[field.key]))}</dd>
              </Fragment>
            ) : null,
          )}
          {outputs.nextActions?.length ? (
            <>
              <dt>Next actions</dt>
              <dd>
                <ul>
                  {outputs.nextActions.map((action, i) => (
                    <li key={i}>
                      {readable(action.type)}: {action.description}
                      {action.dueDate ? `, due ${formatDate(action.dueDate)}` : ''}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  )
}

function Completed() {
  const completion = useWorkflow((s) => s.completion)!
  const next = completion.nextWorkflow
  const { stats } = completion.workflow
  return (
    <section className="notice done" aria-label="Workflow completed">
      <h2>Workflow completed</h2>
      <p>
        {stats.stepsCompleted} {stats.stepsCompleted === 1 ? 'step' : 'steps'} completed, {stats.stepsSkipped} skipped.
      </p>
      {next ? (
        <button type="button" className="primary" autoFocus onClick={() => navigate({ name: 'workflow', id: next.id })}>
          Open next: {next.customer.name} (priority {next.priorityScore})
        </button>
      ) : (
        <p>Your queue is clear. Well done.</p>
      )}
    </section>
  )
}

/** Snoozed: until when and why, and a way to wake it. Awake: a way to put it to sleep. */
function SnoozeBar() {
  const service = useSession((s) => s.service)
  const { context, snooze, resume, submitting, submitError } = useWorkflow()
  const [open, setOpen] = useState(false)
  const [until, setUntil] = useState(addDays(businessToday, 7))
  const [reason, setReason] = useState('')
  if (!context || !service) return null
  const current = context.workflow.snooze
  if (current && context.workflow.snoozed) {
    return (
      <div className="notice" role="status">
        Snoozed until {formatDate(current.until)}
        {current.reason ? ` (${current.reason})` : ''}.{' '}
        <button type="button" disabled={submitting} onClick={() => void resume(service)}>
          Resume now
        </button>
      </div>
    )
  }
  if (!open) {
    return (
      <button type="button" className="subtle" onClick={() => setOpen(true)}>
        Snooze…
      </button>
    )
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await snooze(service, until, reason)) navigate({ name: 'queue' })
  }
  return (
    <form className="snooze-form" aria-label="Snooze" onSubmit={(e) => void submit(e)}>
      <label>
        <span>Until</span>
        <input
          type="date"
          value={until}
          min={addDays(businessToday, 1)}
          max={addDays(businessToday, 90)}
          onChange={(e) => setUntil(e.target.value)}
          required
        />
      </label>
      <label>
        <span>Why</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Customer on holiday" />
      </label>
      <button type="submit" className="primary" disabled={submitting}>
        Snooze
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {submitError && <ErrorNotice error={submitError} />}
      <p className="muted">It wakes on that day, or sooner if its renewal comes within a week.</p>
    </form>
  )
}

/** The account's earlier workflows: who worked them, how they ended, what each step decided. */
function History({ entries }: { entries: readonly HistoryEntry[] }) {
  if (!entries.length) return null
  return (
    <section className="history" aria-label="Earlier on this account">
      <h2>Earlier on this account</h2>
      {entries.map((entry) => {
        const outcome = entry.outcome as { status?: string; confidence?: string; notes?: string } | null
        return (
          <details key={entry.workflowId}>
            <summary>
              {entry.title} · {entry.assignee.name}
              {entry.completedAt ? ` · completed ${formatDate(entry.completedAt)}` : ''}
              {outcome?.status ? ` · ${outcome.status}` : ''}
            </summary>
            {outcome?.notes && <p>{outcome.notes}</p>}
            <ul>
              {entry.steps.map((step) => (
                <li key={step.id}>
                  <strong>{step.name}</strong>
                  {step.result ? (
                    <span className="muted">
                      {' '}
                      ·{' '}
                      {step.result.status === 'skipped'
                        ? `skipped${step.result.reason ? `: ${step.result.reason}` : ''}`
                        : String(step.result.outputs.decision ?? 'done')}{' '}
                      · {step.result.completedBy} · {formatDate(step.result.completedAt)}
                      {typeof step.result.outputs.notes === 'string' && step.result.outputs.notes
                        ? ` · ${step.result.outputs.notes}`
                        : ''}
                    </span>
                  ) : (
                    <span className="muted"> · not recorded</span>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )
      })}
    </section>
  )
}

/** A step's content, sanitized, with actions on its drafts. */
function Rendered({ html }: { html: string }) {
  const root = useRef<HTMLDivElement>(null)
  const clean = useMemo(() => DOMPurify.sanitize(html), [html])
  useEffect(() => (root.current ? enhanceDrafts(root.current) : undefined), [clean])
  return <div className="rendered" ref={root} dangerouslySetInnerHTML={{ __html: clean }} />
}
