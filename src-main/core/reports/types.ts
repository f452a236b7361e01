/** The reports' answers: money in whole currency units, as ARR is stored. */

export interface Slice {
  accounts: number
  arr: number
}

export interface ForecastFigures extends Slice {
  /** The sum of the forecasts (the current ARR where none was set). */
  forecastArr: number
  byCategory: { commit: Slice; likely: Slice; atRisk: Slice; lost: Slice; unset: Slice }
  /** At-risk or lost, or health below 50, or risk 70 and above. */
  atRisk: Slice
  /** With an open or completed workflow for this renewal. */
  covered: Slice
}

export interface ForecastMonth extends ForecastFigures {
  month: string
}

export interface ForecastReport {
  success: true
  months: ForecastMonth[]
  totals: ForecastFigures
  /** Computed on this desk from what it holds, the team server being out of reach. */
  offline?: boolean
}

export interface OutcomeFigures {
  due: Slice
  renewed: { accounts: number; arrBefore: number; arrAfter: number }
  churned: Slice
  open: Slice
  expansion: number
  contraction: number
  grr: number | null
  nrr: number | null
  /** The share of closed renewals whose last category matched the result; null when none closed. */
  forecastAccuracy: number | null
}

export interface OutcomesReport extends OutcomeFigures {
  success: true
  from: string
  to: string
  byCsm: ({ csmId: string; name: string } & OutcomeFigures)[]
  offline?: boolean
}

export interface StepTime {
  stepId: string
  /** The step's name in its playbook. */
  name: string
  count: number
  medianMinutes: number
  p90Minutes: number
  /** The whole team's median for this step, beside the CSM's own. */
  teamMedianMinutes: number
}

export interface CsmActivity {
  csmId: string
  name: string
  workflowsCompleted: number
  /** Completed before their renewal date. */
  onTime: number
  stepsCompleted: number
  stepsSkipped: number
  /** The five most given reasons, most given first. */
  skipReasons: { reason: string; count: number }[]
  steps: StepTime[]
}

export interface ActivityReport {
  success: true
  from: string
  to: string
  csms: CsmActivity[]
  offline?: boolean
}
