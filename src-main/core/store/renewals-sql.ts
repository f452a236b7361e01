import type Database from 'better-sqlite3'
import { SqliteAuditSql } from './audit-sql'
import type { ClosedCounts, ClosingRenewal } from './renewals-tx'
import type { ForecastRow, ForecastView, OutcomeRow, PlanCustomer, PlanWorkflow } from './rows'

function prepare(db: Database.Database) {
  return {
    forecast: db.prepare<[string, string], ForecastView>(
      `SELECT f.*, u.name AS updated_by_name FROM forecasts f LEFT JOIN csms u ON u.id = f.updated_by
       WHERE f.customer_id = ? AND f.renewal_date = ?`,
    ),
    saveForecast: db.prepare<ForecastRow>(
      `INSERT INTO forecasts (customer_id, renewal_date, category, forecast_arr, note, chosen, updated_by, updated_at)
       VALUES (@customer_id, @renewal_date, @category, @forecast_arr, @note, @chosen, @updated_by, @updated_at)
       ON CONFLICT (customer_id, renewal_date) DO UPDATE SET category = excluded.category,
         forecast_arr = excluded.forecast_arr, note = excluded.note, chosen = excluded.chosen,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ),
    outcome: db.prepare<[string, string], OutcomeRow>(
      'SELECT * FROM renewal_outcomes WHERE customer_id = ? AND renewal_date = ?',
    ),
    close: db.prepare<ClosingRenewal>(
      `INSERT INTO renewal_outcomes (customer_id, renewal_date, result, arr_before, arr_after, closed_at, source,
         owner_id, forecast_category)
       VALUES (@customer_id, @renewal_date, @result, @arr_before, @arr_after, @closed_at, @source, @owner_id,
         COALESCE((SELECT category FROM forecasts WHERE customer_id = @customer_id AND renewal_date = @renewal_date), 'unset'))
       ON CONFLICT (customer_id, renewal_date) DO NOTHING`,
    ),
    planCustomer: db.prepare<[string], PlanCustomer>(
      `SELECT c.id, c.renewal_date, c.owner_id, c.status, o.active AS owner_active
       FROM customers c JOIN csms o ON o.id = c.owner_id WHERE c.id = ?`,
    ),
    planWorkflows: db.prepare<[string], PlanWorkflow>(
      `SELECT id, customer_id, type, status, renewal_date, assigned_to FROM workflows
       WHERE customer_id = ? AND status IN ('pending', 'in_progress', 'completed') AND due_date IS NULL`,
    ),
  }
}

/** SQLite's SQL for renewals' forecasts and outcomes. */
export abstract class SqliteRenewalsSql extends SqliteAuditSql {
  private renewalStatements?: ReturnType<typeof prepare>

  private get renewals() {
    return (this.renewalStatements ??= prepare(this.db))
  }

  forecast(customerId: string, renewalDate: string): ForecastView | undefined {
    return this.renewals.forecast.get(customerId, renewalDate)
  }

  saveForecast(row: ForecastRow): void {
    this.renewals.saveForecast.run(row)
  }

  /** A desk drops a forecast the server does not have (its own change, if any, is replayed after). */
  deleteForecast(customerId: string, renewalDate: string): void {
    this.db.prepare('DELETE FROM forecasts WHERE customer_id = ? AND renewal_date = ?').run(customerId, renewalDate)
  }

  outcome(customerId: string, renewalDate: string): OutcomeRow | undefined {
    return this.renewals.outcome.get(customerId, renewalDate)
  }

  closeRenewals(rows: readonly ClosingRenewal[]): ClosedCounts {
    const added = { renewed: 0, churned: 0 }
    for (const row of rows) added[row.result] += this.renewals.close.run(row).changes
    return added
  }

  planningStateOf(customerId: string): { customers: PlanCustomer[]; workflows: PlanWorkflow[] } {
    return {
      customers: this.renewals.planCustomer.all(customerId),
      workflows: this.renewals.planWorkflows.all(customerId),
    }
  }
}
