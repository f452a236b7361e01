import type { Forecast, ForecastCategory } from '../api/types'

export type { Forecast, ForecastCategory }

export const FORECAST_CATEGORIES: readonly ForecastCategory[] = ['commit', 'likely', 'at-risk', 'lost', 'unset']

/** How a renewal closed: through an import, or recorded in the app. */
export interface RenewalOutcome {
  customerId: string
  renewalDate: string
  result: 'renewed' | 'churned'
  arrBefore: number
  arrAfter: number
  closedAt: string
  source: 'import' | 'app'
  /** The forecast's category when it closed. */
  forecastCategory: ForecastCategory
}

export interface ForecastResponse {
  success: true
  forecast: Forecast
}

export interface RenewalResponse {
  success: true
  outcome: RenewalOutcome
  /** The account's next renewal (null once it churned). */
  nextRenewalDate: string | null
}
