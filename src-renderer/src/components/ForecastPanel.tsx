import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import type { Forecast, ForecastCategory } from '../api/workflow-service'
import { aYearLater } from '../../../src-main/core/domain/renewal-dates'
import { addDays, formatDate, formatMoney } from '../format'
import { CATEGORY_LABELS, FORECAST_ORDER } from '../forecast-labels'
import { useSession } from '../stores/session'
import { useWorkflow } from '../stores/workflow'
import { useShortcuts } from '../shortcuts'
import { ErrorNotice } from './ErrorNotice'

/** A whole amount as typed ("1,200,000" too), or null when it is not one. */
const wholeAmount = (text: string): number | null =>
  /^\d[\d,\s]*$/.test(text.trim()) ? Number(text.replace(/[,\s]/g, '')) : null

/**
 * A form of the panel: its fields, then save and cancel. Esc closes it without leaving the
 * workflow (the screen's Esc goes back to the queue); what the server refused shows below.
 */
function PanelForm(props: {
  label: string
  submitLabel: string
  canSubmit: boolean
  save: () => Promise<boolean>
  onDone: () => void
  children: ReactNode
}) {
  const { submitting, submitError } = useWorkflow()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (props.canSubmit && (await props.save())) props.onDone()
  }
  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    props.onDone()
  }
  return (
    <form className="forecast-form" aria-label={props.label} onSubmit={(e) => void submit(e)} onKeyDown={escape}>
      {props.children}
      <p className="form-actions">
        <button type="submit" className="primary" disabled={submitting || !props.canSubmit}>
          {submitting ? 'Saving…' : props.submitLabel}
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel <kbd>Esc</kbd>
        </button>
      </p>
      {submitError && <ErrorNotice error={submitError} />}
    </form>
  )
}

/** An amount field with its own message when what is typed is not a whole amount. */
function AmountField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId()
  const invalid = wholeAmount(value) === null
  return (
    <>
      <label>
        <span>{label}</span>
        <input
          inputMode="numeric"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? id : undefined}
        />
      </label>
      {invalid && (
        <p id={id} className="field-error">
          Enter a whole amount, 0 or more
        </p>
      )}
    </>
  )
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
  const { setForecast } = useWorkflow()
  const [category, setCategory] = useState<ForecastCategory>(forecast.category)
  const [amount, setAmount] = useState(String(forecast.forecastArr))
  const [note, setNote] = useState(forecast.note ?? '')
  const chosen = useRef<HTMLInputElement | null>(null)
  // Focus lands on the current category when the form opens, so the arrows change it at once.
  useEffect(() => chosen.current?.focus(), [])
  const forecastArr = wholeAmount(amount)
  const save = async () =>
    !!service &&
    setForecast(service, { category, forecastArr: forecastArr!, ...(note.trim() ? { note: note.trim() } : {}) })
  return (
    <PanelForm
      label="Change forecast"
      submitLabel="Save forecast"
      canSubmit={forecastArr !== null}
      save={save}
      onDone={onDone}
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
      <AmountField label="Expected ARR at renewal" value={amount} onChange={setAmount} />
      <label>
        <span>Note</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="Why" />
      </label>
    </PanelForm>
  )
}

function RenewalForm({ onDone }: { onDone: () => void }) {
  const service = useSession((s) => s.service)
  const { context, recordRenewal } = useWorkflow()
  const [result, setResult] = useState<'renewed' | 'churned'>('renewed')
  const [amount, setAmount] = useState(String(context?.customer.arr ?? 0))
  const renewal = context?.customer.renewalDate ?? ''
  const [next, setNext] = useState(renewal ? aYearLater(renewal) : '')
  if (!context) return null
  const arrAfter = wholeAmount(amount)
  const renewed = result === 'renewed'
  const save = async () =>
    !!service && recordRenewal(service, renewed ? { result, arrAfter: arrAfter!, nextRenewalDate: next } : { result })
  return (
    <PanelForm
      label="Record the renewal's outcome"
      submitLabel={renewed ? 'Record renewal' : 'Record churn'}
      canSubmit={!renewed || arrAfter !== null}
      save={save}
      onDone={onDone}
    >
      <fieldset>
        <legend>The renewal of {formatDate(renewal)}</legend>
        {(['renewed', 'churned'] as const).map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="renewal-result" checked={result === value} onChange={() => setResult(value)} />
            {value === 'renewed' ? 'Renewed' : 'Churned'}
          </label>
        ))}
      </fieldset>
      {renewed && (
        <>
          <AmountField label="New ARR" value={amount} onChange={setAmount} />
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
        {renewed
          ? 'The account moves to its next renewal; its work for this one closes and new work is planned.'
          : 'The account is marked churned and its open work closes.'}
      </p>
    </PanelForm>
  )
}
