import type Database from 'better-sqlite3'
import type { HealthInputRow, ScorecardRow } from './health-tx'
import { SqliteSsoSql } from './sso-sql'

const INPUTS = `SELECT c.id, c.name, h.score AS health_score, h.day AS health_day,
    c.health_score AS imported_health, c.sentiment, c.data_json
  FROM customers c LEFT JOIN health_scores h ON h.customer_id = c.id`

function prepare(db: Database.Database) {
  return {
    scorecards: db.prepare<[], ScorecardRow>('SELECT * FROM scorecards ORDER BY version DESC'),
    insertScorecard: db.prepare<ScorecardRow>(
      'INSERT INTO scorecards (version, body_json, saved_at, saved_by) VALUES (@version, @body_json, @saved_at, @saved_by)',
    ),
    inputsAfter: db.prepare<[string, number], HealthInputRow>(`${INPUTS} WHERE c.id > ? ORDER BY c.id LIMIT ?`),
    inputsOf: db.prepare<[string, string, number], HealthInputRow>(
      `${INPUTS} WHERE c.id IN (SELECT value FROM json_each(?)) AND c.id > ? ORDER BY c.id LIMIT ?`,
    ),
    save: db.prepare<[string, number | null, number, string]>(
      `INSERT INTO health_scores (customer_id, score, version, day) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET score = excluded.score, version = excluded.version, day = excluded.day`,
    ),
    history: db.prepare<[string, string, number | null]>(
      `INSERT INTO health_history (customer_id, day, score) VALUES (?, ?, ?)
       ON CONFLICT (customer_id, day) DO UPDATE SET score = excluded.score`,
    ),
    historyOf: db.prepare<[string, string, string, string], { day: string; score: number | null }>(
      `SELECT day, score FROM health_history WHERE customer_id = ?
         AND day >= coalesce((SELECT max(day) FROM health_history WHERE customer_id = ? AND day <= ?), ?)
       ORDER BY day`,
    ),
    stale: db
      .prepare<[number, string], number>(
        `SELECT EXISTS (SELECT 1 FROM customers c LEFT JOIN health_scores h ON h.customer_id = c.id
           WHERE h.version IS NOT ? OR h.day IS NOT ?)`,
      )
      .pluck(),
  }
}

/** SQLite's SQL for health scores; the Store is built on it. */
export abstract class SqliteHealthSql extends SqliteSsoSql {
  private healthStatements?: ReturnType<typeof prepare>

  private get health() {
    return (this.healthStatements ??= prepare(this.db))
  }

  scorecards(): ScorecardRow[] {
    return this.health.scorecards.all()
  }

  insertScorecard(row: ScorecardRow): void {
    this.health.insertScorecard.run(row)
  }

  healthInputs(ids: readonly string[] | null, afterId: string, limit: number): HealthInputRow[] {
    if (ids === null) return this.health.inputsAfter.all(afterId, limit)
    return this.health.inputsOf.all(JSON.stringify(ids), afterId, limit)
  }

  saveHealth(
    rows: readonly { id: string; score: number | null; history: boolean }[],
    version: number,
    day: string,
  ): void {
    for (const row of rows) {
      this.health.save.run(row.id, row.score, version, day)
      if (row.history) this.health.history.run(row.id, day, row.score)
    }
  }

  healthHistory(customerId: string, since: string): { day: string; score: number | null }[] {
    return this.health.historyOf.all(customerId, customerId, since, since)
  }

  healthStale(version: number, day: string): boolean {
    return this.health.stale.get(version, day) === 1
  }
}
