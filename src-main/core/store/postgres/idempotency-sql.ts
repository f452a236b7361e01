import type pg from 'pg'
import type { IdempotencyRecord } from '../rows'

/** PostgreSQL's SQL for applied change ids; the lowest layer PgTx is built on. */
export abstract class PgIdempotencySql {
  protected abstract rows<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>
  protected abstract run(sql: string, values?: unknown[]): Promise<void>
  /**
   * A hot read kept prepared on each connection (parsed and planned once, not per call). Only for
   * fixed statement texts: each text stays prepared for the connection's life.
   */
  protected abstract prepared<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]>

  async idempotencyHit(key: string, since: string) {
    const rows = await this.prepared<Omit<IdempotencyRecord, 'key'>>(
      'SELECT user_id, path, body_hash, response_json, created_at FROM idempotency_keys WHERE key = $1 AND created_at >= $2',
      [key, since],
    )
    return rows[0]
  }

  async recordIdempotency(r: IdempotencyRecord) {
    await this.prepared(
      `INSERT INTO idempotency_keys (key, user_id, path, body_hash, response_json, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET user_id = EXCLUDED.user_id, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash,
         response_json = EXCLUDED.response_json, created_at = EXCLUDED.created_at`,
      [r.key, r.user_id, r.path, r.body_hash, r.response_json, r.created_at],
    )
  }

  expireIdempotencyKeys(before: string) {
    return this.run('DELETE FROM idempotency_keys WHERE created_at < $1', [before])
  }

  compactIdempotencyKeys(before: string) {
    return this.run("UPDATE idempotency_keys SET response_json = '' WHERE created_at < $1 AND response_json <> ''", [
      before,
    ])
  }
}
