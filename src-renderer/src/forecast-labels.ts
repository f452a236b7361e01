import type { ForecastCategory } from './api/workflow-service'

/** Best to worst, as the forecast form and the reports list them. */
export const FORECAST_ORDER: readonly ForecastCategory[] = ['commit', 'likely', 'at-risk', 'lost', 'unset']

export const CATEGORY_LABELS: Record<ForecastCategory, string> = {
  commit: 'Commit',
  likely: 'Likely',
  'at-risk': 'At risk',
  lost: 'Lost',
  unset: 'Not set',
}

/** Each category and its key in a report's `byCategory`, best to worst. */
export const CATEGORY_KEYS = [
  ['commit', 'commit'],
  ['likely', 'likely'],
  ['atRisk', 'at-risk'],
  ['lost', 'lost'],
  ['unset', 'unset'],
] as const
