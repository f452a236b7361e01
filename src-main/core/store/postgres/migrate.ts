import type pg from 'pg'
import { checkRecorded } from '../migrate'
import type { Migration } from '../migrations/types'

/** Any fixed number: the lock that keeps two servers starting at once from migrating together. */
const MIGRATION_LOCK = 7_260_431

/** Applies the missing migrations, each in its own transaction, recorded in schema_migrations. */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
  now: () => Date,
): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`)
    const recorded = (
      await client.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      )
    ).rows
    const latest = migrations.length
    const newest = checkRecorded(recorded, migrations)
    for (const migration of migrations.slice(newest)) {
      // A migration of a large book may take longer than any request may: no statement timeout.
      await client.query('BEGIN; SET LOCAL statement_timeout = 0')
      try {
        await client.query(migration.sql)
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          now().toISOString(),
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
    return latest
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
}
