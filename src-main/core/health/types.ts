/** The signals a measure may read from an account's data (the contract's context). */
export const HEALTH_SOURCES = [
  'usage.utilizationRate',
  'usage.changePercent',
  'usage.daysSinceLastActivity',
  'usage.featureAdoption',
  'engagement.daysSinceLastMeeting',
  'engagement.openTickets',
  'engagement.qbrCompleted',
  'financials.maxDaysLate',
  'financials.outstandingInvoices',
  'intelligence.sentiment',
  'intelligence.importedHealth',
] as const
export type HealthSource = (typeof HEALTH_SOURCES)[number]

/** Sources whose raw value is a word or a yes/no, scored by `values`; the rest are numbers. */
export const VALUE_SOURCES: readonly HealthSource[] = ['intelligence.sentiment', 'engagement.qbrCompleted']

export type Scale =
  | { kind: 'linear'; from: { value: number; points: number }; to: { value: number; points: number } }
  | { kind: 'steps'; steps: { upTo: number; points: number }[] }
  | { kind: 'values'; values: { value: string | boolean; points: number }[] }

export interface Measure {
  id: string
  label: string
  source: HealthSource
  /** A whole number; a scorecard's weights sum to 100. */
  weight: number
  scale: Scale
}

export interface Scorecard {
  version: number
  measures: Measure[]
  /** Below `red` is red, below `yellow` is yellow, green from there. */
  bands: { red: number; yellow: number }
}

export type HealthBand = 'red' | 'yellow' | 'green' | 'none'

export interface MeasureScore {
  id: string
  label: string
  /** The signal as read (a number, a word, a yes/no), or null: no data, the measure is left out. */
  raw: number | string | boolean | null
  points: number | null
  weight: number
  /** Its weight once measures without data are left out and the others scaled up to 100. */
  effectiveWeight: number
  /** Points × effective weight / 100: what it adds to the score. */
  contribution: number
}

export interface HealthScore {
  /** 0-100, or null: the measures with data weigh less than 50 ("not enough data"). */
  score: number | null
  band: HealthBand
  measures: MeasureScore[]
}

/** GET /api/accounts/{customerId}/health */
export interface HealthExplanation extends HealthScore {
  success: true
  scorecardVersion: number
  computedAt: string
  history: { date: string; score: number | null }[]
}

/** POST /api/admin/scorecard/preview */
export interface ScorecardPreview {
  success: true
  current: Record<HealthBand, number>
  proposed: Record<HealthBand, number>
  /** The accounts whose score moves the most, largest move first. */
  movers: { customerId: string; name: string; from: number | null; to: number | null }[]
}
