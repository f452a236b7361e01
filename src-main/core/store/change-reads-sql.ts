import type Database from 'better-sqlite3'
import { SqliteHandoverSql } from './handover-sql'
import type { ChangeRow } from './rows'

function prepare(db: Database.Database) {
  return {
    since: db.prepare<[number, number], ChangeRow>('SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?'),
    sinceFor: db.prepare<[number, string, number], ChangeRow>(
      'SELECT * FROM changes WHERE seq > ? AND user_id = ? ORDER BY seq LIMIT ?',
    ),
    latest: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM changes'),
    prune: db.prepare<[string]>('DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)'),
  }
}

/** SQLite's reads of the change log (the event hub's); the Store is built on it. */
export abstract class SqliteChangeReadsSql extends SqliteHandoverSql {
  private changeStatements?: ReturnType<typeof prepare>

  private get log() {
    return (this.changeStatements ??= prepare(this.db))
  }

  changesSince(afterSeq: number, userId: string | null, limit: number): ChangeRow[] {
    return userId === null ? this.log.since.all(afterSeq, limit) : this.log.sinceFor.all(afterSeq, userId, limit)
  }

  changesIn(seqs: readonly number[]): ChangeRow[] {
    if (!seqs.length) return []
    return this.db
      .prepare<number[], ChangeRow>(
        `SELECT * FROM changes WHERE seq IN (${seqs.map(() => '?').join(', ')}) ORDER BY seq`,
      )
      .all(...seqs)
  }

  latestChangeSeq(): number {
    return this.log.latest.get()!.seq ?? 0
  }

  pruneChanges(before: string): void {
    this.log.prune.run(before)
  }
}
