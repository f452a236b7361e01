import { useEffect, useRef, useState } from 'react'
import { ApiFailure, type Scorecard, type ScorecardPreview } from '../api/workflow-service'
import type { HealthBand, HealthSource, Measure, Scale } from '../../../src-main/core/health/types'
import { ErrorNotice } from '../components/ErrorNotice'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import { BAND_LABELS, useScorecard } from '../stores/scorecard'
import {
  HEALTH_SOURCES,
  SOURCE_LABELS,
  balanceWeights,
  defaultScale,
  newMeasure,
  scaleKinds,
} from '../scorecard-editing'

type Draft = Omit<Scorecard, 'version'>
const BANDS: HealthBand[] = ['red', 'yellow', 'green', 'none']

function NumberField(props: {
  label: string
  value: number
  onChange: (v: number) => void
  min?: number
  max?: number
  step?: number
}) {
  return (
    <label className="field compact">
      <span>{props.label}</span>
      <input
        type="number"
        value={Number.isFinite(props.value) ? props.value : ''}
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
    </label>
  )
}

/** The scale of one measure: two points of a line, steps, or points per value. */
function ScaleEditor({ scale, onChange, name }: { scale: Scale; onChange: (s: Scale) => void; name: string }) {
  if (scale.kind === 'linear') {
    const end = (which: 'from' | 'to', key: 'value' | 'points', v: number) =>
      onChange({ ...scale, [which]: { ...scale[which], [key]: v } })
    return (
      <div className="scale-row">
        <NumberField label={`${name}: from value`} value={scale.from.value} onChange={(v) => end('from', 'value', v)} />
        <NumberField
          label="gives points"
          value={scale.from.points}
          min={0}
          max={100}
          onChange={(v) => end('from', 'points', v)}
        />
        <NumberField label="to value" value={scale.to.value} onChange={(v) => end('to', 'value', v)} />
        <NumberField
          label="gives points"
          value={scale.to.points}
          min={0}
          max={100}
          onChange={(v) => end('to', 'points', v)}
        />
      </div>
    )
  }
  if (scale.kind === 'steps') {
    const set = (i: number, key: 'upTo' | 'points', v: number) =>
      onChange({ ...scale, steps: scale.steps.map((s, j) => (j === i ? { ...s, [key]: v } : s)) })
    return (
      <div>
        {scale.steps.map((step, i) => (
          <div className="scale-row" key={i}>
            <NumberField label={`${name}: step ${i + 1} up to`} value={step.upTo} onChange={(v) => set(i, 'upTo', v)} />
            <NumberField label="points" value={step.points} min={0} max={100} onChange={(v) => set(i, 'points', v)} />
            <button
              type="button"
              disabled={scale.steps.length === 1}
              onClick={() => onChange({ ...scale, steps: scale.steps.filter((_, j) => j !== i) })}
            >
              Remove step {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            onChange({ ...scale, steps: [...scale.steps, { upTo: (scale.steps.at(-1)?.upTo ?? 0) + 10, points: 0 }] })
          }
        >
          Add a step
        </button>
      </div>
    )
  }
  const set = (i: number, points: number) =>
    onChange({ ...scale, values: scale.values.map((v, j) => (j === i ? { ...v, points } : v)) })
  return (
    <div>
      {scale.values.map((v, i) => (
        <div className="scale-row" key={String(v.value)}>
          <NumberField
            label={`${name}: points for ${typeof v.value === 'boolean' ? (v.value ? 'yes' : 'no') : v.value}`}
            value={v.points}
            min={0}
            max={100}
            onChange={(p) => set(i, p)}
          />
        </div>
      ))}
    </div>
  )
}

/** Before and after, band by band: a bar each, and the counts in words. */
function Histogram({ preview }: { preview: ScorecardPreview }) {
  const max = Math.max(1, ...BANDS.flatMap((b) => [preview.current[b], preview.proposed[b]]))
  return (
    <table className="histogram">
      <caption>Accounts by band, today and with this scorecard</caption>
      <thead>
        <tr>
          <th scope="col">Band</th>
          <th scope="col">Today</th>
          <th scope="col">With this scorecard</th>
        </tr>
      </thead>
      <tbody>
        {BANDS.map((band) => (
          <tr key={band}>
            <th scope="row">{BAND_LABELS[band]}</th>
            {(['current', 'proposed'] as const).map((when) => (
              <td key={when}>
                <span
                  className={`bar band-${band}`}
                  style={{ width: `${(preview[when][band] / max) * 8}rem` }}
                  aria-hidden="true"
                />
                {preview[when][band]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The team's health scorecard, for admins: measures, weights, scales and bands, a live preview, then save. */
export function ScorecardScreen() {
  const service = useSession((s) => s.service)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [version, setVersion] = useState(0)
  const [preview, setPreview] = useState<ScorecardPreview | null>(null)
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const asked = useRef(0)

  useEffect(() => {
    service
      ?.adminScorecard()
      .then(({ scorecard }) => {
        setVersion(scorecard.version)
        setDraft({ measures: scorecard.measures, bands: scorecard.bands })
      })
      .catch((e: unknown) => setError(describeError(e)))
  }, [service])

  // The preview follows the draft, a moment after the last change; a stale answer is dropped.
  useEffect(() => {
    if (!service || !draft) return
    const ask = ++asked.current
    const timer = setTimeout(() => {
      service.previewScorecard(draft).then(
        (answer) => {
          if (ask !== asked.current) return
          setPreview(answer)
          setProblems({})
        },
        (e: unknown) => {
          if (ask !== asked.current) return
          setProblems(e instanceof ApiFailure ? e.fields : {})
          if (!(e instanceof ApiFailure && Object.keys(e.fields).length)) setError(describeError(e))
        },
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [service, draft])

  if (error && !draft) return <ErrorNotice error={error} />
  if (!draft || !service) return <p role="status">Loading the scorecard…</p>

  const total = draft.measures.reduce((sum, m) => sum + (Number.isFinite(m.weight) ? m.weight : 0), 0)
  const change = (i: number, next: Partial<Measure>) => {
    setSaved(null)
    setDraft({ ...draft, measures: draft.measures.map((m, j) => (j === i ? { ...m, ...next } : m)) })
  }
  const save = async () => {
    setError(null)
    try {
      const scorecard = await service.saveScorecard(draft)
      setVersion(scorecard.version)
      useScorecard.getState().set(scorecard)
      setSaved(`Saved as version ${scorecard.version}. The book is being rescored.`)
    } catch (e) {
      if (e instanceof ApiFailure && Object.keys(e.fields).length) setProblems(e.fields)
      else setError(describeError(e))
    }
  }

  return (
    <main className="scorecard-screen">
      <h1>Health scorecard</h1>
      <p className="muted">
        Version {version} is in force. A score is the weighted mean of the measures an account has data for; below half
        the weight, it is “not enough data”.
      </p>
      <div className="scorecard-layout">
        <form aria-label="Scorecard" onSubmit={(e) => (e.preventDefault(), void save())}>
          {draft.measures.map((m, i) => (
            <fieldset key={m.id} className="measure">
              <legend>{m.label || `Measure ${i + 1}`}</legend>
              <label className="field">
                <span>Label</span>
                <input value={m.label} onChange={(e) => change(i, { label: e.target.value })} />
              </label>
              <label className="field">
                <span>Signal</span>
                <select
                  value={m.source}
                  onChange={(e) => {
                    const source = e.target.value as HealthSource
                    change(i, { source, scale: defaultScale(source) })
                  }}
                >
                  {HEALTH_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {SOURCE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <div className="scale-row">
                <NumberField
                  label={`Weight of ${m.label}`}
                  value={m.weight}
                  min={0}
                  max={100}
                  step={1}
                  onChange={(v) => change(i, { weight: v })}
                />
                <input
                  type="range"
                  min={0}
                  max={100}
                  value={Number.isFinite(m.weight) ? m.weight : 0}
                  aria-label={`Weight of ${m.label}, slider`}
                  onChange={(e) => change(i, { weight: Number(e.target.value) })}
                />
                {scaleKinds(m.source).length > 1 && (
                  <label className="field compact">
                    <span>Scale</span>
                    <select
                      value={m.scale.kind}
                      onChange={(e) =>
                        change(i, {
                          scale:
                            e.target.value === 'steps'
                              ? {
                                  kind: 'steps',
                                  steps: [
                                    { upTo: 0, points: 0 },
                                    { upTo: 100, points: 100 },
                                  ],
                                }
                              : defaultScale(m.source),
                        })
                      }
                    >
                      <option value="linear">A line between two points</option>
                      <option value="steps">Steps</option>
                    </select>
                  </label>
                )}
              </div>
              <ScaleEditor name={m.label} scale={m.scale} onChange={(scale) => change(i, { scale })} />
              {Object.entries(problems)
                .filter(([field]) => field.startsWith(`measures[${i}]`))
                .map(([field, message]) => (
                  <p key={field} className="field-error">
                    {field.replace(`measures[${i}].`, '')} {message}
                  </p>
                ))}
              <button
                type="button"
                disabled={draft.measures.length === 1}
                onClick={() => setDraft({ ...draft, measures: draft.measures.filter((_, j) => j !== i) })}
              >
                Remove {m.label}
              </button>
            </fieldset>
          ))}
          <div className="form-buttons">
            <button
              type="button"
              onClick={() => setDraft({ ...draft, measures: [...draft.measures, newMeasure(draft.measures)] })}
            >
              Add a measure
            </button>
            <button type="button" onClick={() => setDraft({ ...draft, measures: balanceWeights(draft.measures) })}>
              Balance weights to 100
            </button>
          </div>
          <p role="status" className={total === 100 ? 'muted' : 'field-error'}>
            Weights: {total} of 100
          </p>
          <fieldset>
            <legend>Bands</legend>
            <div className="scale-row">
              <NumberField
                label="Red below"
                value={draft.bands.red}
                min={0}
                max={100}
                step={1}
                onChange={(red) => setDraft({ ...draft, bands: { ...draft.bands, red } })}
              />
              <NumberField
                label="Yellow below"
                value={draft.bands.yellow}
                min={0}
                max={100}
                step={1}
                onChange={(yellow) => setDraft({ ...draft, bands: { ...draft.bands, yellow } })}
              />
            </div>
            {problems['bands.red'] && <p className="field-error">Red {problems['bands.red']}</p>}
          </fieldset>
          {problems.measures && <p className="field-error">The {problems.measures}</p>}
          {error && <ErrorNotice error={error} />}
          {saved && (
            <p role="status" className="notice">
              {saved}
            </p>
          )}
          <button type="submit" className="primary">
            Save as version {version + 1}
          </button>
        </form>
        <section aria-label="Preview" className="scorecard-preview">
          <h2>Preview over the book</h2>
          {preview ? (
            <>
              <Histogram preview={preview} />
              <h3>Accounts that move the most</h3>
              {preview.movers.length === 0 ? (
                <p className="muted">No account's score changes.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col" className="num">
                        Today
                      </th>
                      <th scope="col" className="num">
                        With this
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.movers.slice(0, 15).map((m) => (
                      <tr key={m.customerId}>
                        <th scope="row">{m.name}</th>
                        <td className="num">{m.from ?? '–'}</td>
                        <td className="num">{m.to ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : (
            <p role="status">
              {Object.keys(problems).length ? 'Fix the scorecard to see its preview.' : 'Scoring the book…'}
            </p>
          )}
        </section>
      </div>
    </main>
  )
}
