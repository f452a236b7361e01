import { useState } from 'react'
import type { HealthExplanation } from '../api/workflow-service'
import { formatDate } from '../format'
import { useSession } from '../stores/session'
import { BAND_LABELS, useBand } from '../stores/scorecard'
import { describeError } from '../stores/errors'
import { Gauge } from './charts'
import { trendOf } from '../health-trend'

function rawText(raw: HealthExplanation['measures'][number]['raw']): string {
  if (raw === null) return 'no data'
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no'
  if (typeof raw === 'number') return String(Math.round(raw * 100) / 100)
  return raw
}

/**
 * The health gauge, a button: it opens why the score is what it is, measure by measure (its
 * raw value, its points, what it costs the score), and the trend.
 */
export function HealthGauge({ customerId, score, today }: { customerId: string; score: number | null; today: string }) {
  const service = useSession((s) => s.service)
  const band = useBand(score)
  const [open, setOpen] = useState(false)
  const [why, setWhy] = useState<HealthExplanation | null>(null)
  const [error, setError] = useState<string | null>(null)
  const toggle = () => {
    if (open) return setOpen(false)
    setOpen(true)
    setError(null)
    service?.accountHealth(customerId).then(setWhy, (e: unknown) => setError(describeError(e).message))
  }
  const trend = why && trendOf(why.history, today)
  return (
    <>
      <button
        type="button"
        className="gauge-button"
        aria-expanded={open}
        aria-controls="health-why"
        title="Why this health score?"
        onClick={toggle}
      >
        <Gauge label={`Health · ${BAND_LABELS[band]}`} value={score} high="good" />
      </button>
      {open && (
        <section id="health-why" className="health-why" aria-label="Why this health score">
          {error && <p className="notice error">{error}</p>}
          {!why && !error && <p role="status">Reading the scorecard…</p>}
          {why && (
            <>
              <h3>
                {why.score === null ? 'Not enough data for a score' : `Health ${why.score}: ${BAND_LABELS[why.band]}`}
              </h3>
              {trend && <p className="trend">{trend}</p>}
              <ul className="measures" aria-label="What each measure gives the score">
                {why.measures.map((m) => (
                  <li key={m.id}>
                    <span className="measure-name">{m.label}</span>
                    <span className="measure-cost">
                      {m.points === null
                        ? 'left out'
                        : `costs ${Math.round(((100 - m.points) * m.effectiveWeight) / 10) / 10}`}
                    </span>
                    <span className="measure-detail">
                      {m.points === null
                        ? 'no data'
                        : `value ${rawText(m.raw)} · ${m.points} points × ${m.effectiveWeight}% = ${m.contribution}`}
                    </span>
                  </li>
                ))}
              </ul>
              <p className="muted">
                Scorecard version {why.scorecardVersion}, scored {formatDate(why.computedAt.slice(0, 10))}. Measures
                without data are left out; the others fill their place.
              </p>
            </>
          )}
        </section>
      )}
    </>
  )
}
