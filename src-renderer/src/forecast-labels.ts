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
