import pg from 'pg'
import { ApiError } from '../../api/errors'
import type { Db, Tx, WriteOptions } from '../db'
import { migratePostgres } from './migrate'
import { PG_MIGRATIONS } from './migrations'
import { CHANNEL, PgTx } from './pg-tx'

const INT8 = 20
/** How long a change waits for a row lock before it answers 503 (an import holds its rows). */
const LOCK_WAIT_MS = 3000
/** PostgreSQL's lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03'
/** PostgreSQL's query_canceled: statement_timeout ran out. */
const QUERY_CANCELED = '57014'
/**
 * The longest one statement of a request may run (docs/decisions/0018): the slowest report of a
 * 100,000-account book takes under a second, so this only ends what went wrong, and frees its
 * connection for the other desks. Imports (long-running writes) have none.
 */
const STATEMENT_TIMEOUT_MS = 15_000
/** A transaction left open this long without a statement (a stuck client) is ended, and its locks freed. */
const IDLE_IN_TRANSACTION_MS = 60_000

/** A lock wait or a full pool, as a 503 the client retries; anything else as it is. */
function busyOr(error: unknown): unknown {
  const code = (error as { code?: string }).code
  const message = (error as Error).message ?? ''
  if (code === QUERY_CANCELED)
    return new ApiError('SERVER_BUSY', 'The team server took too long on this request; try again in a moment', {
      retryAfter: 5,
    })
  if (code === LOCK_NOT_AVAILABLE || /timeout exceeded when trying to connect/.test(message))
    return new ApiError(
      'SERVER_BUSY',
      'The team server is busy with a large change (an import); try again in a moment',
      {
        retryAfter: 5,
      },
    )
  return error
}
/** Whole numbers come back as numbers (counts, ARR), as they do from SQLite. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/**
 * The team server's engine: a pool of connections to one PostgreSQL database, which several
 * server instances may share. Writes lock the rows they change (`workflow(id, true)` is
 * SELECT ... FOR UPDATE), so competing changes of one workflow run one after the other.
 */
export class PostgresDb implements Db {
  readonly engine = 'postgres' as const
  readonly schemaVersion: number
  private readonly listeners = new Set<() => void>()
  private listening: pg.Client | null = null
  private closed = false

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
    schemaVersion: number,
    private readonly lockWaitMs: number,
  ) {
    this.schemaVersion = schemaVersion
  }

  static async open(
    url: string,
    options: { now?: () => Date; poolSize?: number; lockWaitMs?: number; statementTimeoutMs?: number } = {},
  ): Promise<PostgresDb> {
    // A request waits at most this long for a free connection: a full pool answers 503, never hangs.
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: 10_000,
      // Our statements are short; PostgreSQL's JIT compiler took 1.5 s to speed up a 0.4 s report
      // (docs/decisions/0014). Off for this app's sessions only, whatever the server's default.
      options: `-c jit=off -c statement_timeout=${Math.round(options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS)} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
    })
    pool.on('error', () => {}) // an idle connection dropped by the server: the pool replaces it
    try {
      const version = await migratePostgres(pool, PG_MIGRATIONS, options.now ?? (() => new Date()))
      return new PostgresDb(pool, url, version, Math.max(1, Math.round(options.lockWaitMs ?? LOCK_WAIT_MS)))
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  async read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await fn(new PgTx(this.pool))
    } catch (error) {
      throw busyOr(error)
    }
  }

  async write<T>(fn: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw busyOr(error)
    })
    try {
      // One round trip: a change waits this long for a row another transaction holds, then gives way.
      await client.query(
        options.longRunning
          ? 'BEGIN; SET LOCAL statement_timeout = 0'
          : `BEGIN; SET LOCAL lock_timeout = ${this.lockWaitMs}`,
      )
      const tx = new PgTx(client)
      const result = await fn(tx)
      await client.query('COMMIT')
      if (tx.changed) this.tell()
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw busyOr(error)
    } finally {
      client.release()
    }
  }

  private tell(): void {
    for (const listener of this.listeners) listener()
  }

  /** The first listener opens a LISTEN connection, so changes committed by other instances are heard too. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    if (!this.listening) void this.listen()
    return () => this.listeners.delete(listener)
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, types })
    this.listening = client
    client.on('notification', () => this.tell())
    client.on('error', () => undefined)
    client.on('end', () => {
      // The server closed it (a restart, a failover): listen again, and catch up on what was missed.
      if (this.closed) return
      this.listening = null
      setTimeout(() => {
        if (!this.closed && this.listeners.size) void this.listen().then(() => this.tell())
      }, 1000).unref()
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch {
      client.emit('end')
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.listening?.end().catch(() => undefined)
    await this.pool.end()
  }
}
