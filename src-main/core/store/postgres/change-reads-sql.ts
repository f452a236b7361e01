import type { ChangeRow } from '../rows'
import { PgHandoverSql } from './handover-sql'

/** PostgreSQL's reads of the change log (the event hub's); PgTx is built on it. */
export abstract class PgChangeReadsSql extends PgHandoverSql {
  changesSince(afterSeq: number, userId: string | null, limit: number) {
    return userId === null
      ? this.prepared<ChangeRow>('SELECT * FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])
      : this.prepared<ChangeRow>('SELECT * FROM changes WHERE seq > $1 AND user_id = $2 ORDER BY seq LIMIT $3', [
          afterSeq,
          userId,
          limit,
        ])
  }

  changesIn(seqs: readonly number[]) {
    if (!seqs.length) return Promise.resolve([])
    return this.prepared<ChangeRow>('SELECT * FROM changes WHERE seq = ANY($1) ORDER BY seq', [seqs])
  }

  async latestChangeSeq() {
    const [row] = await this.rows<{ seq: number | null }>('SELECT max(seq) AS seq FROM changes')
    return row?.seq ?? 0
  }

  pruneChanges(before: string) {
    return this.run('DELETE FROM changes WHERE at < $1', [before])
  }
}
