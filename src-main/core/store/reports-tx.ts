import { HEALTH_SQL } from './health-tx'
import type { ClosedRenewalsRow, CompletedWorkflowsRow, ForecastDayRow, OpenRenewalsRow, StepRecordRow } from './rows'

/** Dates are YYYY-MM-DD and times ISO; `owner` null reads the whole team. */
export interface ReportsTx {
  /** Active accounts renewing in [from, until), by renewal day, with their forecast categories. */
  forecastDays(from: string, until: string, owner: string | null): Promise<ForecastDayRow[]>
  /** Renewals due in [from, to] that closed, by owner at close and result. */
  closedRenewals(from: string, to: string, owner: string | null): Promise<ClosedRenewalsRow[]>
  /** Active accounts whose current renewal, due in [from, to], has not closed, by owner. */
  openRenewals(from: string, to: string, owner: string | null): Promise<OpenRenewalsRow[]>
  /** Workflows completed in [from, until) by CSM; on time when completed before their renewal date. */
  completedWorkflows(from: string, until: string): Promise<CompletedWorkflowsRow[]>
  /** Every step recorded in [from, until), by whom. */
  stepRecords(from: string, until: string): Promise<StepRecordRow[]>
}

const sum = (expression: string) => `CAST(COALESCE(sum(${expression}), 0) AS BIGINT)`
const count = (condition: string) => sum(`CASE WHEN ${condition} THEN 1 ELSE 0 END`)
const ownedBy = (owner: string | null, column: string, p: string) => (owner === null ? '' : ` AND ${column} = ${p}`)

/**
 * The reports' SQL, one text for both engines (placeholders are `?` or `$n`). A value list
 * goes with each: the owner's id is only there when one is asked for.
 */
export const REPORT_SQL = {
  /**
   * One row a renewal day (the caller folds days into months). Each engine says how an account's
   * coverage is found (`covered`, a 0/1 expression over `c`) and how the per-account subquery is
   * kept whole (`keepApart`): SQLite aggregates as it scans the index in date order, and looks
   * each account's coverage up once; PostgreSQL hashes.
   */
  forecastDays(owner: string | null, p: (n: number) => string, engine: { covered: string; keepApart: string }) {
    const category = (name: string, key: string) =>
      `${count(`category = '${name}'`)} AS ${key}_accounts, ${sum(`CASE WHEN category = '${name}' THEN arr ELSE 0 END`)} AS ${key}_arr`
    return `SELECT renewal_date AS day, ${count('1 = 1')} AS accounts, ${sum('arr')} AS arr,
        ${sum('forecast_arr')} AS forecast_arr,
        ${category('commit', 'commit')}, ${category('likely', 'likely')}, ${category('at-risk', 'at_risk')},
        ${category('lost', 'lost')},
        ${sum('flagged')} AS flagged_accounts, ${sum('flagged * arr')} AS flagged_arr,
        ${sum('covered')} AS covered_accounts, ${sum('covered * arr')} AS covered_arr
      FROM (SELECT c.renewal_date, c.arr, COALESCE(f.forecast_arr, c.arr) AS forecast_arr,
          COALESCE(f.category, 'unset') AS category,
          CASE WHEN f.category IN ('at-risk', 'lost') OR ${HEALTH_SQL.score} < 50 OR c.risk_score >= 70 THEN 1 ELSE 0 END
            AS flagged,
          CASE WHEN ${engine.covered} THEN 1 ELSE 0 END AS covered
        FROM customers c
        LEFT JOIN forecasts f ON f.renewal_date = c.renewal_date AND f.customer_id = c.id
        ${HEALTH_SQL.join}
        WHERE c.status = 'active' AND c.renewal_date >= ${p(1)} AND c.renewal_date < ${p(2)}${ownedBy(owner, 'c.owner_id', p(3))}
        ${engine.keepApart}) AS r
      GROUP BY renewal_date`
  },
  closedRenewals(owner: string | null, p: (n: number) => string) {
    const renewed = `o.result = 'renewed'`
    const matched = `(${renewed} AND o.forecast_category IN ('commit', 'likely'))
      OR (o.result = 'churned' AND o.forecast_category IN ('at-risk', 'lost'))`
    return `SELECT o.owner_id, o.result, ${count('1 = 1')} AS accounts,
        ${sum('o.arr_before')} AS arr_before, ${sum('o.arr_after')} AS arr_after,
        ${sum(`CASE WHEN ${renewed} AND o.arr_after > o.arr_before THEN o.arr_after - o.arr_before ELSE 0 END`)} AS expansion,
        ${sum(`CASE WHEN ${renewed} AND o.arr_before > o.arr_after THEN o.arr_before - o.arr_after ELSE 0 END`)} AS contraction,
        ${count(matched)} AS matched
      FROM renewal_outcomes o
      WHERE o.renewal_date >= ${p(1)} AND o.renewal_date <= ${p(2)}${ownedBy(owner, 'o.owner_id', p(3))}
      GROUP BY o.owner_id, o.result`
  },
  openRenewals(owner: string | null, p: (n: number) => string) {
    return `SELECT c.owner_id, ${count('1 = 1')} AS accounts, ${sum('c.arr')} AS arr
      FROM customers c
      WHERE c.status = 'active' AND c.renewal_date >= ${p(1)} AND c.renewal_date <= ${p(2)}${ownedBy(owner, 'c.owner_id', p(3))}
        AND NOT EXISTS (SELECT 1 FROM renewal_outcomes o WHERE o.customer_id = c.id AND o.renewal_date = c.renewal_date)
      GROUP BY c.owner_id`
  },
  completedWorkflows(p: (n: number) => string) {
    const onTime = `substr(w.completed_at, 1, 10) < COALESCE(w.renewal_date, c.renewal_date)`
    return `SELECT w.assigned_to AS csm_id, ${count('1 = 1')} AS completed, ${count(onTime)} AS on_time
      FROM workflows w JOIN customers c ON c.id = w.customer_id
      WHERE w.status = 'completed' AND w.completed_at >= ${p(1)} AND w.completed_at < ${p(2)}
      GROUP BY w.assigned_to`
  },
  stepRecords(p: (n: number) => string) {
    // A step counts for whoever recorded it; the workflow's assignee when that person is unknown here.
    return `SELECT COALESCE(u.id, w.assigned_to) AS csm_id, r.step_id, r.status, r.duration, r.reason
      FROM step_results r
      JOIN workflows w ON w.id = r.workflow_id
      LEFT JOIN csms u ON lower(u.email) = lower(r.completed_by)
      WHERE r.completed_at >= ${p(1)} AND r.completed_at < ${p(2)}`
  },
}

/** Whether an account has an open or completed workflow for its current renewal. */
export const COVERED = {
  /** One index lookup per account. */
  lookup: `EXISTS (SELECT 1 FROM workflows w WHERE w.customer_id = c.id AND w.renewal_date = c.renewal_date
    AND w.status NOT IN ('superseded', 'cancelled'))`,
  /** One hashed set of the period's workflows. */
  hashed: (
    p: (n: number) => string,
  ) => `(c.id, c.renewal_date) IN (SELECT w.customer_id, w.renewal_date FROM workflows w
    WHERE w.status NOT IN ('superseded', 'cancelled') AND w.renewal_date >= ${p(1)} AND w.renewal_date < ${p(2)})`,
}

/** The values of a report query: the period, and the owner when one is asked for. */
export const reportValues = (from: string, to: string, owner: string | null) =>
  owner === null ? [from, to] : [from, to, owner]
