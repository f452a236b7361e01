import type { Db, Tx } from './db'
import type { Store } from './store'

/**
 * The SQLite engine behind the async `Db`. better-sqlite3 is synchronous and one connection
 * serves the whole process, so every read and write takes its turn: a transaction that awaits
 * between statements is never joined by another request's statements.
 */
export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const
  private tail: Promise<unknown> = Promise.resolve()
  /** Operations started or waiting; when none, the next one starts at once. */
  private busy = 0
  private readonly tx: Tx
  private readonly listeners = new Set<() => void>()
  private readonly begin
  private readonly commit
  private readonly rollback

  constructor(readonly store: Store) {
    // Store implements SyncTx (checked by its declaration); awaiting its plain values is the async view.
    this.tx = store as unknown as Tx
    this.begin = store.db.prepare('BEGIN IMMEDIATE')
    this.commit = store.db.prepare('COMMIT')
    this.rollback = store.db.prepare('ROLLBACK')
  }

  /** Runs fn when every earlier read and write of this database is done (at once when there are none). */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const idle = this.busy++ === 0
    let turn: Promise<T>
    if (idle) {
      try {
        turn = Promise.resolve(fn())
      } catch (error) {
        turn = Promise.reject(error)
      }
    } else {
      turn = this.tail.then(fn)
    }
    const over = () => void this.busy--
    this.tail = turn.then(over, over)
    return turn
  }

  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(() => fn(this.tx))
  }

  /** One writer at a time in this process: nothing here waits on another's row lock. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const db = this.store.db
    return this.run(async () => {
      const logged = this.store.changesLogged
      this.begin.run()
      try {
        const result = await fn(this.tx)
        this.commit.run()
        if (this.store.changesLogged !== logged) for (const listener of this.listeners) listener()
        return result
      } catch (error) {
        if (db.inTransaction) this.rollback.run()
        throw error
      }
    })
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    await this.run(() => this.store.close())
  }
}
