import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Forecast, ForecastCategory } from '../api/workflow-service'
import { aYearLater } from '../../../src-main/core/domain/renewal-dates'
import { addDays, formatDate, formatMoney } from '../format'
import { CATEGORY_LABELS, FORECAST_ORDER } from '../forecast-labels'
import { useSession } from '../stores/session'
import { useWorkflow } from '../stores/workflow'
import { useShortcuts } from '../shortcuts'
import { ErrorNotice } from './ErrorNotice'

/** Esc closes a form here without leaving the workflow (the screen's Esc goes back to the queue). */
function closeOnEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    close()
  }
}

/**
 * The renewal's forecast beside the context: what is expected, who said so, and (for its owner
 * or an admin) a way to change it with `f`, or to record how the renewal closed.
 */
export function ForecastPanel({ forecast }: { forecast: Forecast }) {
  const { user } = useSession()
  const { context } = useWorkflow()
  const [editing, setEditing] = useState(false)
  const [closing, setClosing] = useState(false)
  const mayChange = !!context && !!user && (user.role === 'admin' || context.customer.owner.id === user.id)
  useShortcuts({ f: () => mayChange && setEditing(true) })
  return (
    <section className="forecast" aria-labelledby="forecast-title">
      <h2 id="forecast-title">Renewal forecast</h2>
      <p>
        <span className={`forecast-chip forecast-${forecast.category}`}>{CATEGORY_LABELS[forecast.category]}</span>{' '}
        <strong>{formatMoney(forecast.forecastArr)}</strong>
        {forecast.suggested && <span className="muted"> · suggested by a step's decision</span>}
      </p>
      {forecast.note && <p className="forecast-note">{forecast.note}</p>}
      {forecast.updatedAt && (
        <p className="muted">
          {forecast.suggested ? 'Suggested' : 'Set'}
          {forecast.updatedBy?.name ? ` by ${forecast.updatedBy.name}` : ''} on {formatDate(forecast.updatedAt)}
        </p>
      )}
      {mayChange && !editing && !closing && (
        <p className="forecast-actions">
          <button type="button" onClick={() => setEditing(true)}>
            Change forecast <kbd>f</kbd>
          </button>
          <button type="button" className="subtle" onClick={() => setClosing(true)}>
            Record outcome…
          </button>
        </p>
      )}
      {editing && <ForecastForm forecast={forecast} onDone={() => setEditing(false)} />}
      {closing && <RenewalForm onDone={() => setClosing(false)} />}
    </section>
  )
}

function ForecastForm({ forecast, onDone }: { forecast: Forecast; onDone: () => void }) {
  const service = useSession((s) => s.service)
  const { setForecast, submitting, submitError } = useWorkflow()
  const [category, setCategory] = useState<ForecastCategory>(forecast.category)
  const [amount, setAmount] = useState(String(forecast.forecastArr))
  const [note, setNote] = useState(forecast.note ?? '')
  const chosen = useRef<HTMLInputElement | null>(null)
  // Focus lands on the current category when the form opens, so the arrows change it at once.
  useEffect(() => chosen.current?.focus(), [])
  const amountValue = Number(amount.replace(/[,\s]/g, ''))
  const amountError = !/^\d[\d,\s]*$/.test(amount.trim()) ? 'Enter a whole amount, 0 or more' : null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!service || amountError) return
    const saved = await setForecast(service, {
      category,
      forecastArr: amountValue,
      ...(note.trim() ? { note: note.trim() } : {}),
    })
    if (saved) onDone()
  }
  return (
    <form
      className="forecast-form"
      aria-label="Change forecast"
      onSubmit={(e) => void submit(e)}
      onKeyDown={closeOnEscape(onDone)}
    >
      <fieldset>
        <legend>Category</legend>
        {FORECAST_ORDER.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="forecast-category"
              value={value}
              checked={category === value}
              onChange={() => setCategory(value)}
              ref={value === forecast.category ? chosen : undefined}
            />
            {CATEGORY_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <label>
        <span>Expected ARR at renewal</span>
        <input
          inputMode="numeric"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={!!amountError}
          aria-describedby="forecast-amount-error"
        />
      </label>
      {amountError && (
        <p id="forecast-amount-error" className="field-error">
          {amountError}
        </p>
      )}
      <label>
        <span>Note</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="Why" />
      </label>
      <p className="form-actions">
        <button type="submit" className="primary" disabled={submitting || !!amountError}>
          {submitting ? 'Saving…' : 'Save forecast'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel <kbd>Esc</kbd>
        </button>
      </p>
      {submitError && <ErrorNotice error={submitError} />}
    </form>
  )
}

function RenewalForm({ onDone }: { onDone: () => void }) {
  const service = useSession((s) => s.service)
  const { context, recordRenewal, submitting, submitError } = useWorkflow()
  const [result, setResult] = useState<'renewed' | 'churned'>('renewed')
  const [amount, setAmount] = useState(String(context?.customer.arr ?? 0))
  const renewal = context?.customer.renewalDate ?? ''
  const [next, setNext] = useState(renewal ? aYearLater(renewal) : '')
  if (!context) return null
  const amountError = result === 'renewed' && !/^\d[\d,\s]*$/.test(amount.trim()) ? 'Enter a whole amount' : null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!service || amountError) return
    const saved = await recordRenewal(
      service,
      result === 'renewed'
        ? { result, arrAfter: Number(amount.replace(/[,\s]/g, '')), nextRenewalDate: next }
        : { result },
    )
    if (saved) onDone()
  }
  return (
    <form
      className="forecast-form"
      aria-label="Record the renewal's outcome"
      onSubmit={(e) => void submit(e)}
      onKeyDown={closeOnEscape(onDone)}
    >
      <fieldset>
        <legend>The renewal of {formatDate(renewal)}</legend>
        <label className="choice">
          <input
            type="radio"
            name="renewal-result"
            checked={result === 'renewed'}
            onChange={() => setResult('renewed')}
          />
          Renewed
        </label>
        <label className="choice">
          <input
            type="radio"
            name="renewal-result"
            checked={result === 'churned'}
            onChange={() => setResult('churned')}
          />
          Churned
        </label>
      </fieldset>
      {result === 'renewed' && (
        <>
          <label>
            <span>New ARR</span>
            <input
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={!!amountError}
            />
          </label>
          {amountError && <p className="field-error">{amountError}</p>}
          <label>
            <span>Next renewal</span>
            <input
              type="date"
              value={next}
              min={addDays(renewal, 1)}
              onChange={(e) => setNext(e.target.value)}
              required
            />
          </label>
        </>
      )}
      <p className="muted">
        {result === 'renewed'
          ? 'The account moves to its next renewal; its work for this one closes and new work is planned.'
          : 'The account is marked churned and its open work closes.'}
      </p>
      <p className="form-actions">
        <button type="submit" className="primary" disabled={submitting || !!amountError}>
          {submitting ? 'Saving…' : result === 'renewed' ? 'Record renewal' : 'Record churn'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel <kbd>Esc</kbd>
        </button>
      </p>
      {submitError && <ErrorNotice error={submitError} />}
    </form>
  )
}
