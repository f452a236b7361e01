import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../testing-engines'
import { DatabaseTooNewError } from '../migrate'
import { migratePostgres } from './migrate'
import { PG_MIGRATIONS } from './migrations'

describe('PostgreSQL migrations', () => {
  it('apply every migration once, recorded by number and name, even when two servers start together', async () => {
    const pool = new pg.Pool({ connectionString: await freshDatabase('postgres') })
    try {
      const now = () => new Date()
      await Promise.all([migratePostgres(pool, PG_MIGRATIONS, now), migratePostgres(pool, PG_MIGRATIONS, now)])
      const recorded = await pool.query('SELECT version, name FROM schema_migrations ORDER BY version')
      expect(recorded.rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })))
      const tables = await pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
      expect(tables.rows.map((r) => r.tablename)).toEqual(
        expect.arrayContaining(['changes', 'csms', 'customers', 'idempotency_keys', 'step_results', 'workflows']),
      )
      expect(await migratePostgres(pool, PG_MIGRATIONS, now)).toBe(PG_MIGRATIONS.length)
    } finally {
      await pool.end()
    }
  })

  it('keep the data of an earlier schema, and refuse a database a newer version migrated', async () => {
    const pool = new pg.Pool({ connectionString: await freshDatabase('postgres') })
    try {
      const now = () => new Date()
      await migratePostgres(pool, PG_MIGRATIONS.slice(0, 1), now)
      await pool.query("INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm')")
      await migratePostgres(pool, PG_MIGRATIONS, now)
      expect((await pool.query('SELECT id FROM csms')).rows).toEqual([{ id: 'c1' }])
      await pool.query("INSERT INTO schema_migrations VALUES (99, 'from-the-future', 'x')")
      await expect(migratePostgres(pool, PG_MIGRATIONS, now)).rejects.toBeInstanceOf(DatabaseTooNewError)
    } finally {
      await pool.end()
    }
  })
})
