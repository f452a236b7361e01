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

/**
 * Checks what a database records against the migrations this version knows, by number and
 * name, and returns the newest recorded; a newer schema or a renamed migration is refused.
 */
export function checkRecorded(
  recorded: readonly { version: number; name: string }[],
  migrations: readonly Migration[],
): number {
  const newest = recorded.at(-1)?.version ?? 0
  if (newest > migrations.length) throw new DatabaseTooNewError(newest, migrations.length)
  for (const row of recorded) {
    const known = migrations[row.version - 1]
    if (!known || known.name !== row.name)
      throw new MigrationMismatchError(row.version, row.name, known?.name ?? '(none)')
  }
  return newest
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
  const newest = checkRecorded(recorded, migrations)
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  // A migration that rebuilds a table (SQLite cannot alter a CHECK) drops a parent of other
  // tables' keys for a moment: keys are checked once the rebuild is done, before it commits.
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1
  db.pragma('foreign_keys = OFF')
  try {
    for (const migration of migrations.slice(newest)) {
      db.transaction(() => {
        db.exec(migration.sql)
        const broken = db.pragma('foreign_key_check') as { table: string }[]
        if (broken.length) throw new Error(`Migration ${migration.version} broke a key of ${broken[0]!.table}`)
        record.run(migration.version, migration.name, now().toISOString())
        db.pragma(`user_version = ${migration.version}`)
      })()
    }
  } finally {
    if (keysWereOn) db.pragma('foreign_keys = ON')
  }
  return latest
}
