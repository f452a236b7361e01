import type { Measure } from './types'

/** Measures an admin might build, for tests and the bench (weights to set per scorecard). */
export const EXAMPLE_MEASURES = {
  utilization: {
    id: 'utilization',
    label: 'License utilization',
    source: 'usage.utilizationRate',
    weight: 50,
    scale: { kind: 'linear', from: { value: 0.3, points: 0 }, to: { value: 0.9, points: 100 } },
  },
  activity: {
    id: 'activity',
    label: 'Days since last activity',
    source: 'usage.daysSinceLastActivity',
    weight: 30,
    scale: {
      kind: 'steps',
      steps: [
        { upTo: 7, points: 100 },
        { upTo: 30, points: 60 },
        { upTo: 90, points: 20 },
        { upTo: 100_000, points: 0 },
      ],
    },
  },
  sentiment: {
    id: 'sentiment',
    label: 'Sentiment',
    source: 'intelligence.sentiment',
    weight: 20,
    scale: {
      kind: 'values',
      values: [
        { value: 'positive', points: 100 },
        { value: 'neutral', points: 60 },
        { value: 'stable', points: 60 },
        { value: 'declining', points: 20 },
      ],
    },
  },
  adoption: {
    id: 'adoption',
    label: 'Feature adoption',
    source: 'usage.featureAdoption',
    weight: 35,
    scale: {
      kind: 'steps',
      steps: [
        { upTo: 0.3, points: 10 },
        { upTo: 0.6, points: 55 },
        { upTo: 1, points: 95 },
      ],
    },
  },
  tickets: {
    id: 'tickets',
    label: 'Open tickets',
    source: 'engagement.openTickets',
    weight: 20,
    scale: { kind: 'linear', from: { value: 0, points: 100 }, to: { value: 10, points: 0 } },
  },
} satisfies Record<string, Measure>

/** A measure at another weight. */
export const weighted = (measure: Measure, weight: number): Measure => ({ ...measure, weight })
