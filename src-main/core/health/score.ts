import { signal, type HealthInputs } from './signals'
import type { HealthBand, HealthScore, MeasureScore, Scale, Scorecard } from './types'

/** Measures with data must weigh at least half of the scorecard (50 of 100) for a score. */
export const MIN_SHARE_WITH_DATA = 0.5

const oneDecimal = (n: number) => Math.round(n * 10) / 10

/** A raw signal in points (0-100) on its scale, or null when the scale has nothing for it. */
export function pointsOn(scale: Scale, raw: number | string | boolean): number | null {
  if (scale.kind === 'values') return scale.values.find((v) => v.value === raw)?.points ?? null
  if (typeof raw !== 'number') return null
  if (scale.kind === 'steps')
    return (scale.steps.find((s) => s.upTo >= raw) ?? scale.steps[scale.steps.length - 1])!.points
  const { from, to } = scale
  const t = Math.min(1, Math.max(0, (raw - from.value) / (to.value - from.value)))
  return from.points + t * (to.points - from.points)
}

/** The bands of the default scorecard, and of any client that has not read the team's yet. */
export const DEFAULT_BANDS: Scorecard['bands'] = { red: 40, yellow: 70 }

export function bandOf(score: number | null, bands: Scorecard['bands']): HealthBand {
  if (score === null) return 'none'
  return score < bands.red ? 'red' : score < bands.yellow ? 'yellow' : 'green'
}

/**
 * An account's health on a scorecard, measure by measure: the weighted mean of the measures
 * that have data, their weights scaled up to fill the place of those without. Pure: desks and
 * the team server give the same score for the same data and day.
 */
export function scoreAccount(scorecard: Scorecard, inputs: HealthInputs, today: string): HealthScore {
  const read = scorecard.measures.map((measure) => {
    const raw = signal(measure.source, inputs, today)
    return { measure, raw, points: raw === null ? null : pointsOn(measure.scale, raw) }
  })
  const withData = read.reduce((sum, r) => sum + (r.points === null ? 0 : r.measure.weight), 0)
  const allWeight = read.reduce((sum, r) => sum + r.measure.weight, 0)
  const enough = withData > 0 && withData >= allWeight * MIN_SHARE_WITH_DATA
  let total = 0
  const measures: MeasureScore[] = read.map(({ measure, raw, points }) => {
    const effectiveWeight = points === null || !enough ? 0 : (measure.weight * 100) / withData
    const contribution = points === null ? 0 : (points * effectiveWeight) / 100
    total += contribution
    return {
      id: measure.id,
      label: measure.label,
      raw: typeof raw === 'number' ? Math.round(raw * 1000) / 1000 : raw,
      points: points === null ? null : oneDecimal(points),
      weight: measure.weight,
      effectiveWeight: oneDecimal(effectiveWeight),
      contribution: oneDecimal(contribution),
    }
  })
  const score = enough ? Math.round(total) : null
  return { score, band: bandOf(score, scorecard.bands), measures }
}
