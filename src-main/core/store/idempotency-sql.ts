import type Database from 'better-sqlite3'
import type { IdempotencyRecord } from './rows'

type Hit = Omit<IdempotencyRecord, 'key'>

function prepare(db: Database.Database) {
  return {
    hit: db.prepare<[string, string], Hit>(
      'SELECT user_id, path, body_hash, response_json, created_at FROM idempotency_keys WHERE key = ? AND created_at >= ?',
    ),
    record: db.prepare<IdempotencyRecord>(
      `INSERT INTO idempotency_keys (key, user_id, path, body_hash, response_json, created_at)
       VALUES (@key, @user_id, @path, @body_hash, @response_json, @created_at)
       ON CONFLICT (key) DO UPDATE SET user_id = excluded.user_id, path = excluded.path,
         body_hash = excluded.body_hash, response_json = excluded.response_json, created_at = excluded.created_at`,
    ),
    expire: db.prepare<[string]>('DELETE FROM idempotency_keys WHERE created_at < ?'),
    // The partial index on uncompacted keys keeps this to the rows that just came of age.
    compact: db.prepare<[string]>(
      "UPDATE idempotency_keys SET response_json = '' WHERE created_at < ? AND response_json <> ''",
    ),
  }
}

/** SQLite's SQL for applied change ids; the lowest layer the Store is built on. */
export abstract class SqliteIdempotencySql {
  abstract readonly db: Database.Database
  private idempotencyStatements?: ReturnType<typeof prepare>

  private get keys() {
    return (this.idempotencyStatements ??= prepare(this.db))
  }

  idempotencyHit(key: string, since: string): Hit | undefined {
    return this.keys.hit.get(key, since)
  }

  recordIdempotency(row: IdempotencyRecord): void {
    this.keys.record.run(row)
  }

  expireIdempotencyKeys(before: string): void {
    this.keys.expire.run(before)
  }

  compactIdempotencyKeys(before: string): void {
    this.keys.compact.run(before)
  }
}
