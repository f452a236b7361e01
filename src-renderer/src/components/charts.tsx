import { formatCompactMoney, formatDate, formatPercent } from '../format'

/** A half-circle gauge for a 0-100 score; `high` says whether high is good (health) or bad (risk). */
export function Gauge({ label, value, high }: { label: string; value: number | null; high: 'good' | 'bad' }) {
  const v = Math.max(0, Math.min(100, value ?? 0))
  const good = high === 'good' ? v >= 70 : v < 40
  const bad = high === 'good' ? v < 45 : v >= 70
  const tone = good ? 'good' : bad ? 'bad' : 'warn'
  const angle = Math.PI * (1 - v / 100)
  const x = 50 + 40 * Math.cos(angle)
  const y = 50 - 40 * Math.sin(angle)
  return (
    <div className="gauge" role="img" aria-label={`${label}: ${value ?? 'unknown'} of 100`}>
      <svg viewBox="0 0 100 58" aria-hidden="true">
        <path d="M10 50 A40 40 0 0 1 90 50" className="gauge-track" />
        {value !== null && (
          <path d={`M10 50 A40 40 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`} className={`gauge-value ${tone}`} />
        )}
        <text x="50" y="48" textAnchor="middle" className="gauge-number">
          {value ?? '–'}
        </text>
      </svg>
      <div className="gauge-label">{label}</div>
    </div>
  )
}

/** ARR over time, oldest on the left. */
export function ArrChart({ history }: { history: { date: string; arr: number }[] }) {
  const points = [...history].sort((a, b) => a.date.localeCompare(b.date))
  if (points.length === 0) return <p className="muted">No ARR history.</p>
  const max = Math.max(...points.map((p) => p.arr))
  const min = Math.min(...points.map((p) => p.arr))
  const span = max - min || max || 1
  const xy = points.map(
    (p, i) =>
      [points.length === 1 ? 50 : 8 + (i * 84) / (points.length - 1), 50 - ((p.arr - min) / span) * 36] as const,
  )
  const description = points.map((p) => `${formatDate(p.date)}: ${formatCompactMoney(p.arr)}`).join(', ')
  return (
    <div className="chart" role="img" aria-label={`ARR history: ${description}`}>
      <svg viewBox="0 0 100 60" aria-hidden="true">
        <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} className="chart-line" />
        {xy.map(([x, y], i) => (
          <g key={points[i]!.date}>
            <circle cx={x} cy={y} r="1.8" className="chart-dot" />
            <text x={x} y={y - 4} textAnchor="middle" className="chart-label">
              {formatCompactMoney(points[i]!.arr)}
            </text>
          </g>
        ))}
      </svg>
      <div className="chart-caption">ARR history</div>
    </div>
  )
}

/** Horizontal bars for ratios 0-1 (feature adoption, seat use). */
export function RatioBars({ title, values }: { title: string; values: { label: string; ratio: number }[] }) {
  return (
    <figure className="bars" aria-label={title}>
      <figcaption>{title}</figcaption>
      {values.map(({ label, ratio }) => (
        <div className="bar-row" key={label}>
          <span className="bar-label">{label}</span>
          <span
            className="bar-track"
            role="meter"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(ratio * 100)}
          >
            <span className="bar-fill" style={{ width: formatPercent(Math.max(0, Math.min(1, ratio))) }} />
          </span>
          <span className="bar-value">{formatPercent(ratio)}</span>
        </div>
      ))}
    </figure>
  )
}
