import { REPORT_SQL, reportValues } from '../reports-tx'
import type {
  ClosedRenewalsRow,
  CompletedWorkflowsRow,
  ForecastMonthRow,
  OpenRenewalsRow,
  StepRecordRow,
} from '../rows'
import { PgRenewalsSql } from './renewals-sql'

const $ = (n: number) => `$${n}`

/** PostgreSQL's SQL for the reports; PgTx is built on it. */
export abstract class PgReportsSql extends PgRenewalsSql {
  forecastMonths(from: string, until: string, owner: string | null) {
    return this.rows<ForecastMonthRow>(REPORT_SQL.forecastMonths(owner, $), reportValues(from, until, owner))
  }

  closedRenewals(from: string, to: string, owner: string | null) {
    return this.rows<ClosedRenewalsRow>(REPORT_SQL.closedRenewals(owner, $), reportValues(from, to, owner))
  }

  openRenewals(from: string, to: string, owner: string | null) {
    return this.rows<OpenRenewalsRow>(REPORT_SQL.openRenewals(owner, $), reportValues(from, to, owner))
  }

  completedWorkflows(from: string, until: string) {
    return this.rows<CompletedWorkflowsRow>(REPORT_SQL.completedWorkflows($), [from, until])
  }

  stepRecords(from: string, until: string) {
    return this.rows<StepRecordRow>(REPORT_SQL.stepRecords($), [from, until])
  }
}
