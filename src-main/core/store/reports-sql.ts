import { SqliteRenewalsSql } from './renewals-sql'
import { COVERED, REPORT_SQL, reportValues } from './reports-tx'
import type { ClosedRenewalsRow, CompletedWorkflowsRow, ForecastDayRow, OpenRenewalsRow, StepRecordRow } from './rows'

const q = () => '?'

/** SQLite's SQL for the reports (each read once per report, so prepared when asked). */
export abstract class SqliteReportsSql extends SqliteRenewalsSql {
  forecastDays(from: string, until: string, owner: string | null): ForecastDayRow[] {
    // LIMIT -1 keeps the per-account subquery a co-routine: each account's coverage is looked up once.
    const engine = { covered: COVERED.lookup, keepApart: 'ORDER BY c.renewal_date LIMIT -1' }
    return this.db
      .prepare<unknown[], ForecastDayRow>(REPORT_SQL.forecastDays(owner, q, engine))
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
