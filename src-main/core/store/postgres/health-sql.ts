import type { HealthInputRow, ScorecardRow } from '../health-tx'
import { PgSsoSql } from './sso-sql'

const INPUTS = `SELECT c.id, c.name, h.score AS health_score, h.day AS health_day,
    c.health_score AS imported_health, c.sentiment, c.data_json
  FROM customers c LEFT JOIN health_scores h ON h.customer_id = c.id`

/** PostgreSQL's SQL for health scores: a chunk of scores is two statements, whatever its size. */
export abstract class PgHealthSql extends PgSsoSql {
  scorecards() {
    return this.rows<ScorecardRow>('SELECT * FROM scorecards ORDER BY version DESC')
  }

  async insertScorecard(row: ScorecardRow) {
    await this.run('INSERT INTO scorecards (version, body_json, saved_at, saved_by) VALUES ($1, $2, $3, $4)', [
      row.version,
      row.body_json,
      row.saved_at,
      row.saved_by,
    ])
  }

  healthInputs(ids: readonly string[] | null, afterId: string, limit: number) {
    if (ids === null)
      return this.rows<HealthInputRow>(`${INPUTS} WHERE c.id > $1 ORDER BY c.id LIMIT $2`, [afterId, limit])
    return this.rows<HealthInputRow>(`${INPUTS} WHERE c.id = ANY($1) AND c.id > $2 ORDER BY c.id LIMIT $3`, [
      ids,
      afterId,
      limit,
    ])
  }

  async saveHealth(
    rows: readonly { id: string; score: number | null; history: boolean }[],
    version: number,
    day: string,
  ) {
    if (!rows.length) return
    await this.run(
      `INSERT INTO health_scores (customer_id, score, version, day)
       SELECT id, score, $3, $4 FROM unnest($1::text[], $2::int[]) AS u(id, score)
       ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, version = excluded.version, day = excluded.day`,
      [rows.map((r) => r.id), rows.map((r) => r.score), version, day],
    )
    const history = rows.filter((r) => r.history)
    if (!history.length) return
    await this.run(
      `INSERT INTO health_history (customer_id, day, score)
       SELECT id, $3, score FROM unnest($1::text[], $2::int[]) AS u(id, score)
       ON CONFLICT (customer_id, day) DO UPDATE SET score = excluded.score`,
      [history.map((r) => r.id), history.map((r) => r.score), day],
    )
  }

  healthHistory(customerId: string, since: string) {
    return this.rows<{ day: string; score: number | null }>(
      `SELECT day, score FROM health_history WHERE customer_id = $1
         AND day >= coalesce((SELECT max(day) FROM health_history WHERE customer_id = $1 AND day <= $2), $2)
       ORDER BY day`,
      [customerId, since],
    )
  }

  async healthStale(version: number, day: string) {
    const [row] = await this.rows<{ stale: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM customers c LEFT JOIN health_scores h ON h.customer_id = c.id
         WHERE h.version IS DISTINCT FROM $1 OR h.day IS DISTINCT FROM $2) AS stale`,
      [version, day],
    )
    return row!.stale
  }
}
