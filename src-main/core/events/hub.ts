import type { Db } from '../store/db'
import type { ChangeRow } from '../store/rows'

/** What a client receives for each change: enough to pull just that. */
export interface ChangeEvent {
  seq: number
  type: ChangeRow['type'] | 'resync'
  workflowId?: string
  customerId?: string
}

export interface EventClient {
  userId: string
  /** Delivers an event; false means the client is too far behind and is dropped. */
  send(event: ChangeEvent): boolean
  close(): void
}

/** A reconnect further behind than this gets `resync` (pull everything) instead of a replay. */
const MAX_REPLAY = 1000
const BATCH = 5000
export const CHANGE_RETENTION_DAYS = 7
/** How long a skipped change number is watched: longer than any transaction that records a change. */
const GAP_WAIT_MS = 10 * 60_000
const MAX_GAPS = 10_000

export function toEvent(row: ChangeRow): ChangeEvent {
  return {
    seq: row.seq,
    type: row.type,
    ...(row.workflow_id ? { workflowId: row.workflow_id } : {}),
    ...(row.customer_id ? { customerId: row.customer_id } : {}),
  }
}

/**
 * Fans committed changes out to connected clients. A change, from this process or (on
 * PostgreSQL) any instance, pokes the hub; one read of the change table serves every client,
 * and each client gets its own user's changes. Reads never overlap: pokes meanwhile coalesce
 * into one more read. Sending never waits on a client.
 */
export class EventHub {
  /** Connected clients by user: a change reaches its user's clients without a look at anyone else's. */
  private readonly clients = new Map<string, Set<EventClient>>()
  private seen = 0
  /** Reads and subscriptions take turns, so a subscriber neither misses nor doubles a change. */
  private turns: Promise<unknown>
  private readQueued = false
  private readonly stopListening: () => void
  /** Numbers skipped below `seen`, with when they were first seen missing. */
  private readonly gaps = new Map<number, number>()

  constructor(
    private readonly db: Db,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {
    this.stopListening = db.onChange(() => this.poke())
    this.turns = db.read(async (tx) => {
      this.seen = await tx.latestChangeSeq()
    })
  }

  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(task)
    this.turns = turn.catch(() => undefined)
    return turn
  }

  get size(): number {
    let size = 0
    for (const mine of this.clients.values()) size += mine.size
    return size
  }

  /**
   * Adds a client. With `lastEventId` it first gets what it missed, from the table (or `resync`
   * when that is too much or already pruned); without, it hears from now on.
   */
  subscribe(client: EventClient, lastEventId: number | null): Promise<() => void> {
    return this.inTurn(() => this.add(client, lastEventId))
  }

  private async add(client: EventClient, lastEventId: number | null): Promise<() => void> {
    if (lastEventId !== null && lastEventId < this.seen) {
      const [missed, oldestKept] = await this.db.read(async (tx) => [
        await tx.changesSince(lastEventId, client.userId, MAX_REPLAY + 1),
        (await tx.changesSince(0, null, 1))[0]?.seq ?? 0,
      ])
      // Changes after the client's last one were pruned, or it missed too many: it pulls everything.
      if (missed.length > MAX_REPLAY || oldestKept > lastEventId + 1) client.send({ seq: this.seen, type: 'resync' })
      else for (const row of missed) if (row.seq <= this.seen) client.send(toEvent(row))
    }
    const mine = this.clients.get(client.userId) ?? new Set()
    this.clients.set(client.userId, mine.add(client))
    return () => this.remove(client)
  }

  private remove(client: EventClient): void {
    const mine = this.clients.get(client.userId)
    if (mine?.delete(client) && !mine.size) this.clients.delete(client.userId)
  }

  /** A change was committed somewhere: one read serves every poke that came in before it began. */
  poke(): void {
    if (this.readQueued) return
    this.readQueued = true
    void this.inTurn(() => {
      this.readQueued = false
      return this.readNew()
    })
  }

  /**
   * Reads what was committed since the newest change seen, and any change whose number was
   * skipped: on PostgreSQL a transaction takes its number when it writes and may commit after a
   * later one (a long import's early events), so a gap is watched until it fills or is surely a
   * rolled-back number (GAP_WAIT_MS).
   */
  private async readNew(): Promise<void> {
    const now = this.monotonicNow()
    for (const [seq, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(seq)
    for (let first = true; ; first = false) {
      const gaps = first ? [...this.gaps.keys()] : []
      const [rows, filled] = await this.db.read(async (tx) => [
        await tx.changesSince(this.seen, null, BATCH),
        await tx.changesIn(gaps),
      ])
      for (const row of filled) {
        this.gaps.delete(row.seq)
        this.deliver(row)
      }
      for (const row of rows) {
        this.noteGap(this.seen, row.seq, now)
        this.seen = row.seq
        this.deliver(row)
      }
      if (rows.length < BATCH) return
    }
  }

  private noteGap(after: number, seq: number, now: number): void {
    // A jump larger than the cap (a sequence's cache after a restart) is not worth watching.
    if (seq - after - 1 > MAX_GAPS) return
    for (let missing = after + 1; missing < seq && this.gaps.size < MAX_GAPS; missing++) this.gaps.set(missing, now)
  }

  private deliver(row: ChangeRow): void {
    const mine = this.clients.get(row.user_id)
    if (!mine) return
    const event = toEvent(row)
    for (const client of mine) {
      if (!client.send(event)) {
        this.remove(client)
        client.close()
      }
    }
  }

  /** Changes whose numbers were skipped and may still commit (for tests). */
  get watchedGaps(): number {
    return this.gaps.size
  }

  /** Drops changes older than the retention; clients behind that get `resync`. */
  prune(now: Date): Promise<void> {
    const before = new Date(now.getTime() - CHANGE_RETENTION_DAYS * 86_400_000).toISOString()
    return this.db.write((tx) => tx.pruneChanges(before))
  }

  close(): void {
    this.stopListening()
    for (const mine of this.clients.values()) for (const client of mine) client.close()
    this.clients.clear()
  }
}
