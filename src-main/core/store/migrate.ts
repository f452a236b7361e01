import type Database from 'better-sqlite3'
import type { Migration } from './migrations/types'

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of CSM Desk (schema ${found}; this version knows up to ${supported}). ` +
        'Update CSM Desk to open it; the database was left untouched.',
    )
    this.name = 'DatabaseTooNewError'
  }
}

export class MigrationMismatchError extends Error {
  constructor(version: number, recorded: string, expected: string) {
    super(
      `Migration ${version} is recorded as "${recorded}" but this version calls it "${expected}"; refusing to open.`,
    )
    this.name = 'MigrationMismatchError'
  }
}

/** Applies the migrations that are missing, each in its own transaction, and records them. */
export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => Date): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`)
  const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number
    name: string
  }[]
  const latest = migrations.length
  const newest = recorded.at(-1)?.version ?? 0
  if (newest > latest) throw new DatabaseTooNewError(newest, latest)
  for (const row of recorded) {
    const known = migrations[row.version - 1]
    if (!known || known.name !== row.name)
      throw new MigrationMismatchError(row.version, row.name, known?.name ?? '(none)')
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  for (const migration of migrations.slice(newest)) {
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, now().toISOString())
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
  return latest
}
