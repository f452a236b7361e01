import { BAND_LABELS, useBand } from '../stores/scorecard'

/** A health score in its band's color, the band said in words for screen readers. */
export function HealthChip({ score }: { score: number | null }) {
  const band = useBand(score)
  return (
    <span className={`health-chip band-${band}`} title={BAND_LABELS[band]}>
      {score ?? '–'}
      <span className="visually-hidden"> ({BAND_LABELS[band]})</span>
    </span>
  )
}
