import { COVERED, REPORT_SQL, reportValues } from '../reports-tx'
import type { ClosedRenewalsRow, CompletedWorkflowsRow, ForecastDayRow, OpenRenewalsRow, StepRecordRow } from '../rows'
import { PgRenewalsSql } from './renewals-sql'

const $ = (n: number) => `$${n}`

/** PostgreSQL's SQL for the reports; PgTx is built on it. */
export abstract class PgReportsSql extends PgRenewalsSql {
  forecastDays(from: string, until: string, owner: string | null) {
    // OFFSET 0 fences the subquery, so each account's coverage is probed once (not once per sum).
    const engine = { covered: COVERED.hashed($), keepApart: 'OFFSET 0' }
    return this.rows<ForecastDayRow>(REPORT_SQL.forecastDays(owner, $, engine), reportValues(from, until, owner))
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
