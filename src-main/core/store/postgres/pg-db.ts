import pg from 'pg'
import type { Db, Tx } from '../db'
import { migratePostgres } from './migrate'
import { PG_MIGRATIONS } from './migrations'
import { CHANNEL, PgTx } from './pg-tx'

const INT8 = 20
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
  ) {
    this.schemaVersion = schemaVersion
  }

  static async open(url: string, options: { now?: () => Date; poolSize?: number } = {}): Promise<PostgresDb> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types })
    pool.on('error', () => {}) // an idle connection dropped by the server: the pool replaces it
    try {
      const version = await migratePostgres(pool, PG_MIGRATIONS, options.now ?? (() => new Date()))
      return new PostgresDb(pool, url, version)
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return fn(new PgTx(this.pool))
  }

  async write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const tx = new PgTx(client)
      const result = await fn(tx)
      await client.query('COMMIT')
      if (tx.changed) this.tell()
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
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
