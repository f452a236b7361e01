import type { Db } from './db'
import { PostgresDb } from './postgres/pg-db'
import { SqliteDb } from './sqlite-db'
import { Store } from './store'

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db)
}

/** Opens a SQLite file, or a PostgreSQL database by its URL, migrated to this version's schema. */
export async function openDb(
  dbPath: string,
  options: {
    nativeBinding?: string
    now?: () => Date
    lockWaitMs?: number
    statementTimeoutMs?: number
    poolSize?: number
  } = {},
): Promise<Db> {
  return isPostgresUrl(dbPath)
    ? PostgresDb.open(dbPath, {
        now: options.now,
        lockWaitMs: options.lockWaitMs,
        statementTimeoutMs: options.statementTimeoutMs,
        poolSize: options.poolSize,
      })
    : new SqliteDb(new Store(dbPath, { nativeBinding: options.nativeBinding, now: options.now }))
}
