import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DatabaseTooNewError, MigrationMismatchError, migrate } from './migrate'
import { MIGRATIONS } from './migrations'

const now = () => new Date('2025-12-28T14:00:00Z')

describe('migrations', () => {
  it('applies every migration once, records it, and sets user_version', () => {
    const db = new Database(':memory:')
    expect(migrate(db, MIGRATIONS, now)).toBe(MIGRATIONS.length)
    expect(migrate(db, MIGRATIONS, now)).toBe(MIGRATIONS.length)
    const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations').all()
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: now().toISOString() })))
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
  })

  it('numbers migrations from 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS, now)
    const next = MIGRATIONS.length + 1
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(next, 'from-the-future', now().toISOString())
    expect(() => migrate(db, MIGRATIONS, now)).toThrow(DatabaseTooNewError)
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: next })
  })

  it('refuses a database whose recorded migration differs from the code', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS, now)
    db.prepare("UPDATE schema_migrations SET name = 'renamed' WHERE version = 1").run()
    expect(() => migrate(db, MIGRATIONS, now)).toThrow(MigrationMismatchError)
  })

  it('rolls back a migration that fails half-way', () => {
    const db = new Database(':memory:')
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE x (a); SELECT nope FROM nowhere;' },
    ]
    expect(() => migrate(db, broken, now)).toThrow()
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 })
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
  })
})
