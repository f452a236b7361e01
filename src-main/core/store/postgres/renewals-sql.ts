import type { ClosingRenewal } from '../renewals-tx'
import type { ForecastRow, ForecastView, OutcomeRow, PlanCustomer, PlanWorkflow } from '../rows'
import { PgAuditSql } from './audit-sql'

/** PostgreSQL's SQL for renewals' forecasts and outcomes. */
export abstract class PgRenewalsSql extends PgAuditSql {
  async forecast(customerId: string, renewalDate: string) {
    const rows = await this.rows<ForecastView>(
      `SELECT f.*, u.name AS updated_by_name FROM forecasts f LEFT JOIN csms u ON u.id = f.updated_by
       WHERE f.customer_id = $1 AND f.renewal_date = $2`,
      [customerId, renewalDate],
    )
    return rows[0]
  }

  saveForecast(r: ForecastRow) {
    return this.run(
      `INSERT INTO forecasts (customer_id, renewal_date, category, forecast_arr, note, chosen, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (customer_id, renewal_date) DO UPDATE SET category = EXCLUDED.category,
         forecast_arr = EXCLUDED.forecast_arr, note = EXCLUDED.note, chosen = EXCLUDED.chosen,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [r.customer_id, r.renewal_date, r.category, r.forecast_arr, r.note, r.chosen, r.updated_by, r.updated_at],
    )
  }

  async outcome(customerId: string, renewalDate: string) {
    const rows = await this.rows<OutcomeRow>(
      'SELECT * FROM renewal_outcomes WHERE customer_id = $1 AND renewal_date = $2',
      [customerId, renewalDate],
    )
    return rows[0]
  }

  /** One statement per 1,000 renewals: an import that renews a whole book stays a few round trips. */
  async closeRenewals(rows: readonly ClosingRenewal[]) {
    const added = { renewed: 0, churned: 0 }
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000)
      const column = <K extends keyof ClosingRenewal>(key: K) => batch.map((r) => r[key])
      const inserted = await this.rows<{ result: ClosingRenewal['result'] }>(
        `INSERT INTO renewal_outcomes (customer_id, renewal_date, result, arr_before, arr_after, closed_at, source,
           owner_id, forecast_category)
         SELECT r.customer_id, r.renewal_date, r.result, r.arr_before, r.arr_after, r.closed_at, r.source, r.owner_id,
           COALESCE(f.category, 'unset')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[])
           AS r (customer_id, renewal_date, result, arr_before, arr_after, closed_at, source, owner_id)
         LEFT JOIN forecasts f ON f.customer_id = r.customer_id AND f.renewal_date = r.renewal_date
         ON CONFLICT (customer_id, renewal_date) DO NOTHING
         RETURNING result`,
        [
          column('customer_id'),
          column('renewal_date'),
          column('result'),
          column('arr_before'),
          column('arr_after'),
          column('closed_at'),
          column('source'),
          column('owner_id'),
        ],
      )
      for (const { result } of inserted) added[result]++
    }
    return added
  }

  async planningStateOf(customerId: string) {
    return {
      customers: await this.rows<PlanCustomer>(
        `SELECT c.id, c.renewal_date, c.owner_id, c.status, o.active AS owner_active
         FROM customers c JOIN csms o ON o.id = c.owner_id WHERE c.id = $1`,
        [customerId],
      ),
      workflows: await this.rows<PlanWorkflow>(
        `SELECT id, customer_id, type, status, renewal_date, assigned_to FROM workflows
         WHERE customer_id = $1 AND status IN ('pending', 'in_progress', 'completed') AND due_date IS NULL`,
        [customerId],
      ),
    }
  }
}
