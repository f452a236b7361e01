import { SqliteRenewalsSql } from './renewals-sql'
import { REPORT_SQL, reportValues } from './reports-tx'
import type { ClosedRenewalsRow, CompletedWorkflowsRow, ForecastMonthRow, OpenRenewalsRow, StepRecordRow } from './rows'

const q = () => '?'

/** SQLite's SQL for the reports (each read once per report, so prepared when asked). */
export abstract class SqliteReportsSql extends SqliteRenewalsSql {
  forecastMonths(from: string, until: string, owner: string | null): ForecastMonthRow[] {
    return this.db
      .prepare<unknown[], ForecastMonthRow>(REPORT_SQL.forecastMonths(owner, q))
      .all(...reportValues(from, until, owner))
  }

  closedRenewals(from: string, to: string, owner: string | null): ClosedRenewalsRow[] {
    return this.db
      .prepare<unknown[], ClosedRenewalsRow>(REPORT_SQL.closedRenewals(owner, q))
      .all(...reportValues(from, to, owner))
  }

  openRenewals(from: string, to: string, owner: string | null): OpenRenewalsRow[] {
    return this.db
      .prepare<unknown[], OpenRenewalsRow>(REPORT_SQL.openRenewals(owner, q))
      .all(...reportValues(from, to, owner))
  }

  completedWorkflows(from: string, until: string): CompletedWorkflowsRow[] {
    return this.db.prepare<unknown[], CompletedWorkflowsRow>(REPORT_SQL.completedWorkflows(q)).all(from, until)
  }

  stepRecords(from: string, until: string): StepRecordRow[] {
    return this.db.prepare<unknown[], StepRecordRow>(REPORT_SQL.stepRecords(q)).all(from, until)
  }
}
