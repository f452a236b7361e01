import {
  HEALTH_SOURCES,
  VALUE_SOURCES,
  type HealthSource,
  type Measure,
  type Scale,
} from '../../src-main/core/health/types'

/** Each signal in words, as an admin picks it. */
export const SOURCE_LABELS: Record<HealthSource, string> = {
  'usage.utilizationRate': 'License utilization (active ÷ licensed)',
  'usage.changePercent': 'Usage change (%)',
  'usage.daysSinceLastActivity': 'Days since last activity',
  'usage.featureAdoption': 'Feature adoption (average)',
  'engagement.daysSinceLastMeeting': 'Days since last meeting',
  'engagement.openTickets': 'Open support tickets',
  'engagement.qbrCompleted': 'QBR completed',
  'financials.maxDaysLate': 'Most days late on a payment',
  'financials.outstandingInvoices': 'Outstanding invoices',
  'intelligence.sentiment': 'Sentiment',
  'intelligence.importedHealth': 'Imported health score',
}

export { HEALTH_SOURCES }

/** A scale that fits a signal, to start from when the admin picks one. */
export function defaultScale(source: HealthSource): Scale {
  if (source === 'intelligence.sentiment')
    return {
      kind: 'values',
      values: [
        { value: 'positive', points: 100 },
        { value: 'neutral', points: 60 },
        { value: 'declining', points: 20 },
      ],
    }
  if (source === 'engagement.qbrCompleted')
    return {
      kind: 'values',
      values: [
        { value: true, points: 100 },
        { value: false, points: 30 },
      ],
    }
  return { kind: 'linear', from: { value: 0, points: 0 }, to: { value: 100, points: 100 } }
}

export const scaleKinds = (source: HealthSource): Scale['kind'][] =>
  VALUE_SOURCES.includes(source) ? ['values'] : ['linear', 'steps']

/** A new measure with a free id, on a signal not yet used where there is one. */
export function newMeasure(measures: readonly Measure[]): Measure {
  const used = new Set(measures.map((m) => m.source))
  const source = HEALTH_SOURCES.find((s) => !used.has(s)) ?? HEALTH_SOURCES[0]
  let n = measures.length + 1
  while (measures.some((m) => m.id === `measure-${n}`)) n++
  return { id: `measure-${n}`, label: SOURCE_LABELS[source], source, weight: 0, scale: defaultScale(source) }
}

/** Weights that sum to 100, each measure's share kept as near as whole numbers allow. */
export function balanceWeights(measures: readonly Measure[]): Measure[] {
  const total = measures.reduce((sum, m) => sum + Math.max(m.weight, 0), 0)
  if (!measures.length) return []
  const shares = measures.map((m) => (total ? (Math.max(m.weight, 0) * 100) / total : 100 / measures.length))
  const weights = shares.map(Math.floor)
  let left = 100 - weights.reduce((a, b) => a + b, 0)
  const byRemainder = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of byRemainder) if (left-- > 0) weights[i]!++
  return measures.map((m, i) => ({ ...m, weight: weights[i]! }))
}
