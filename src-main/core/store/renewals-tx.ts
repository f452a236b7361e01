import type { ForecastRow, ForecastView, OutcomeRow, PlanCustomer, PlanWorkflow } from './rows'

/** A renewal that closes: its outcome takes the forecast's category as it stands, in the same statement. */
/** How many renewals closed, by result. */
export type ClosedCounts = Record<ClosingRenewal['result'], number>

export type ClosingRenewal = Omit<OutcomeRow, 'forecast_category'>

/** Forecasts and outcomes of renewals. */
export interface RenewalsTx {
  forecast(customerId: string, renewalDate: string): Promise<ForecastView | undefined>
  saveForecast(row: ForecastRow): Promise<void>
  outcome(customerId: string, renewalDate: string): Promise<OutcomeRow | undefined>
  /** Records renewals that closed; one already closed is left as it was. Counts the new ones. */
  closeRenewals(rows: readonly ClosingRenewal[]): Promise<ClosedCounts>
  /** What the planner reads for one account. */
  planningStateOf(customerId: string): Promise<{ customers: PlanCustomer[]; workflows: PlanWorkflow[] }>
}
