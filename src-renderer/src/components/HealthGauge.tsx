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
              <table>
                <caption className="visually-hidden">What each measure gives the score</caption>
                <thead>
                  <tr>
                    <th scope="col">Measure</th>
                    <th scope="col">Value</th>
                    <th scope="col" className="num">
                      Points
                    </th>
                    <th scope="col" className="num">
                      Weight
                    </th>
                    <th scope="col" className="num">
                      Costs the score
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {why.measures.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.label}</th>
                      <td>{rawText(m.raw)}</td>
                      <td className="num">{m.points ?? '–'}</td>
                      <td className="num">{m.points === null ? 'left out' : `${m.effectiveWeight}%`}</td>
                      <td className="num">
                        {m.points === null ? '–' : `−${Math.round((100 - m.points) * m.effectiveWeight) / 100}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
