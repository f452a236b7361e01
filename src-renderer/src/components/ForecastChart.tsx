import type { ForecastMonth } from '../../../src-main/core/reports/types'
import { formatCompactMoney } from '../format'
import { CATEGORY_KEYS, CATEGORY_LABELS } from '../forecast-labels'

const WIDTH = 600
const HEIGHT = 220
const TOP = 16
const BOTTOM = 28

/**
 * The months' renewing ARR stacked by forecast category, with each month's at-risk ARR marked
 * by a line across its bar. The table beside it carries the same figures for screen readers.
 */
export function ForecastChart({ months }: { months: readonly ForecastMonth[] }) {
  const peak = Math.max(1, ...months.map((m) => m.arr))
  const band = WIDTH / Math.max(1, months.length)
  const scale = (arr: number) => (arr / peak) * (HEIGHT - TOP - BOTTOM)
  const base = HEIGHT - BOTTOM
  const described = months
    .filter((m) => m.arr)
    .map((m) => `${m.month}: ${formatCompactMoney(m.arr)}, ${formatCompactMoney(m.atRisk.arr)} at risk`)
    .join('; ')
  return (
    <figure className="forecast-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Renewing ARR by month and forecast category. ${described || 'No renewals in these months.'}`}
      >
        {months.map((m, i) => {
          let y = base
          const x = i * band + band * 0.18
          const w = band * 0.64
          return (
            <g key={m.month}>
              {CATEGORY_KEYS.map(([key, category]) => {
                const h = scale(m.byCategory[key].arr)
                y -= h
                return h > 0 ? (
                  <rect key={key} x={x} y={y} width={w} height={h} className={`bar forecast-${category}`} />
                ) : null
              })}
              {m.atRisk.arr > 0 && (
                <line
                  x1={x - 3}
                  x2={x + w + 3}
                  y1={base - scale(m.atRisk.arr)}
                  y2={base - scale(m.atRisk.arr)}
                  className="at-risk-mark"
                />
              )}
              <text x={x + w / 2} y={HEIGHT - 10} textAnchor="middle" className="chart-label">
                {new Date(`${m.month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' })}
              </text>
              {m.arr > 0 && (
                <text x={x + w / 2} y={y - 4} textAnchor="middle" className="chart-label">
                  {formatCompactMoney(m.arr)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <figcaption className="legend">
        {CATEGORY_KEYS.map(([key, category]) => (
          <span key={key}>
            <span className={`swatch forecast-${category}`} aria-hidden="true" /> {CATEGORY_LABELS[category]}
          </span>
        ))}
        <span>
          <span className="swatch at-risk-mark" aria-hidden="true" /> At-risk ARR (at-risk or lost, health under 50,
          risk 70+)
        </span>
      </figcaption>
    </figure>
  )
}
