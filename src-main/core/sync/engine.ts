import { randomUUID } from 'node:crypto'
import type { User } from '../api/auth'
import type { SqliteDb } from '../store/sqlite-db'
import type { OutboxRow, Store } from '../store/store'
import type { LocalChange, Workflows } from '../workflows'
import { heldEntries, STUCK_AFTER_ATTEMPTS, toOutboxEntry, type OutboxEntry } from './outbox'
import { LiveUpdates } from './live'
import { pull, ServerBusy, SignInNeeded, type PullScope } from './pull'
import { push, SignedOut } from './push'
import { NetworkError, type HttpMethod, type Remote, type RemoteAnswer } from './remote'
import { dismissNotices, notices, type SyncNotice } from './handover'
import { ApiError } from '../api/errors'

export type { OutboxEntry }

export interface SyncStatus {
  configured: true
  server: string | null
  online: boolean
  pending: number
  rejected: number
  /** Pending entries that wait behind a rejected entry of their workflow. */
  held: number
  /** Pending entries that failed so often (10 tries) that the CSM should look at them. */
  stuck: number
  lastSyncAt: string | null
  lastError: string | null
  /** A 401: sync waits for a new sign-in and keeps everything. */
  needsSignIn: boolean
  syncing: boolean
  /** What the server decided meanwhile about work done here (a reassignment, a closed workflow), newest first. */
  notices: SyncNotice[]
}

/** What to do with the entries held behind a rejected entry that is discarded. */
export type HeldChoice = 'discard' | 'release'

export type DiscardResult =
  { done: true } | { done: false; reason: 'not-rejected' } | { done: false; reason: 'held'; held: string[] }

const SOON_MS = 300
const MAX_BACKOFF_MS = 60_000

/**
 * Offline-first sync with the team server: a durable outbox pushed in order with idempotency
 * keys, and a pull that stores the server's state and replays pending changes on top.
 */
export class SyncEngine {
  private online = false
  private lastError: string | null = null
  private needsSignIn = false
  private running: Promise<SyncStatus> | null = null
  /** What the next run pulls: everything, or the workflows that events named. */
  private scope: PullScope = 'all'
  private readonly fingerprints = new Map<string, string>()
  private live: LiveUpdates | null = null
  private queued: Promise<SyncStatus> | null = null
  private failures = 0
  private nextAttemptAt = 0
  /** The retry a busy server asked for. */
  private busyRetry: NodeJS.Timeout | null = null
  private timers: NodeJS.Timeout[] = []
  private soon: NodeJS.Timeout | null = null

  private remote: Remote | null = null

  private readonly store: Store

  constructor(
    private readonly db: SqliteDb,
    private readonly workflows: Workflows,
    readonly user: User & { name: string },
    private readonly random: () => number = Math.random,
  ) {
    this.store = db.store
    workflows.recordChangesWith((change) => this.record(change))
  }

  /** Points sync at a team server with the CSM's token there. */
  connect(remote: Remote): void {
    this.remote = remote
    this.needsSignIn = false
    this.lastError = null
    this.failures = 0
    this.nextAttemptAt = 0
    if (this.timers.length) {
      void this.sync()
      this.listen()
    }
  }

  /** While connected (and started), events from the server trigger a pull of what they name. */
  private listen(): void {
    this.live?.stop()
    this.live = this.remote ? new LiveUpdates(this.remote, (only) => void this.sync(only)) : null
  }

  /**
   * Sends an admin's request on to the team server as it is (the server owns the team's data);
   * online only, so out of reach it says so instead of queueing.
   */
  async forward(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    file?: Uint8Array,
    body?: unknown,
  ): Promise<RemoteAnswer> {
    if (!this.remote) throw new ApiError('SYNC_NOT_CONFIGURED', 'Sign in to the team server first; this runs there')
    try {
      return await this.remote.request(method, path, { file, body, timeoutMs: 300_000 })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      throw new ApiError('SERVER_UNREACHABLE', `${error.message}. This runs on the team server: try again when online.`)
    }
  }

  /** Forgets the server token; changes keep being recorded and wait for the next sign-in. */
  signOut(): void {
    this.live?.stop()
    this.live = null
    this.remote = null
    this.needsSignIn = true
    this.online = false
  }

  /** Runs inside the change's own transaction: the change and its entry commit together. */
  private record(change: LocalChange): void {
    this.store.addToOutbox({
      id: randomUUID(),
      workflow_id: change.workflowId,
      kind: change.kind,
      path: change.path,
      body_json: JSON.stringify(change.body),
      created_at: new Date().toISOString(),
    })
    this.syncSoon()
  }

  /** Syncs at once (when connected), then every `intervalSeconds`; call stop() to end. */
  start(intervalSeconds: number): void {
    if (this.remote) void this.sync()
    this.timers.push(
      setInterval(() => {
        if (Date.now() >= this.nextAttemptAt) void this.sync()
      }, intervalSeconds * 1000),
    )
    for (const timer of this.timers) timer.unref()
    this.listen()
  }

  /** Once a sync under way (and one queued behind it) has ended: a database may close after this. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined)
  }

  stop(): void {
    this.live?.stop()
    this.live = null
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
    if (this.soon) clearTimeout(this.soon)
    if (this.busyRetry) clearTimeout(this.busyRetry)
  }

  private syncSoon(): void {
    if (this.soon || this.timers.length === 0) return
    this.soon = setTimeout(() => {
      this.soon = null
      if (Date.now() >= this.nextAttemptAt) void this.sync()
    }, SOON_MS)
    this.soon.unref()
  }

  status(): SyncStatus {
    const rows = this.store.outbox()
    const pending = rows.filter((row) => row.status === 'pending')
    return {
      configured: true,
      server: this.remote?.baseUrl ?? null,
      online: this.online,
      pending: pending.length,
      rejected: rows.length - pending.length,
      held: heldEntries(rows).size,
      stuck: pending.filter((row) => row.attempts >= STUCK_AFTER_ATTEMPTS).length,
      lastSyncAt: this.store.syncValue('lastSyncAt') ?? null,
      lastError: this.lastError,
      needsSignIn: this.needsSignIn,
      syncing: this.running !== null || this.queued !== null,
      notices: notices(this.store),
    }
  }

  /** The CSM has read what the server decided meanwhile. */
  dismissNotices(): void {
    dismissNotices(this.store)
  }

  outbox(): OutboxEntry[] {
    const rows = this.store.outbox()
    const held = heldEntries(rows)
    return rows.map((row) => toOutboxEntry(row, held.get(row.id) ?? null, this.namesOf(row)))
  }

  /** The account's name and the step's, as this desk knows them. */
  private namesOf(row: OutboxRow): { customerName: string | null; stepName: string | null } {
    const body = JSON.parse(row.body_json) as { stepId?: string; customerId?: string }
    const wf = this.store.workflow(row.workflow_id)
    const customerId = wf?.customer_id ?? body.customerId
    const customerName = customerId ? (this.store.customer(customerId)?.name ?? null) : null
    const stepId = body.stepId ?? /\/steps\/([^/]+)\/complete$/.exec(row.path)?.[1]
    const stepName = wf && stepId ? this.workflows.playbooks.stepName(wf.type, wf.playbook_version ?? 1, stepId) : null
    return { customerName, stepName }
  }

  /** Puts a rejected entry back in line, to be pushed again; the entries held behind it follow it. */
  retry(id: string): boolean {
    const entry = this.store.outboxEntry(id)
    if (!entry || entry.status !== 'rejected') return false
    this.store.retryOutboxEntry(id)
    this.syncSoon()
    return true
  }

  /**
   * Drops a rejected entry for good (the app asks the CSM first), and refreshes from the
   * server. The entries held behind it are dropped too, or released to be sent: the caller
   * must say which.
   */
  discard(id: string, heldChoice?: HeldChoice): DiscardResult {
    const entry = this.store.outboxEntry(id)
    if (!entry || entry.status !== 'rejected') return { done: false, reason: 'not-rejected' }
    const held = [...heldEntries(this.store.outbox())].filter(([, by]) => by === id).map(([heldId]) => heldId)
    if (held.length && !heldChoice) return { done: false, reason: 'held', held }
    this.fingerprints.delete(entry.workflow_id) // the next pull rewrites it from the server
    this.store.transaction(() => {
      this.store.removeFromOutbox(id)
      if (heldChoice === 'discard') for (const heldId of held) this.store.removeFromOutbox(heldId)
    })
    this.syncSoon()
    return { done: true }
  }

  /**
   * Push, then pull everything (or, with `only`, just those workflows). The answer always
   * comes from a run that started after the call: a call made while a run is under way (which
   * may have begun before the caller's change) gets one more run after it, shared by every
   * call made meanwhile.
   */
  sync(only?: readonly string[]): Promise<SyncStatus> {
    if (!only) this.scope = 'all'
    else if (this.scope !== 'all') this.scope = new Set([...this.scope, ...only])
    if (!this.running) return this.begin()
    this.queued ??= this.running.then(() => {
      this.queued = null
      return this.running ?? this.begin()
    })
    return this.queued
  }

  private begin(): Promise<SyncStatus> {
    this.running = this.run().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run(): Promise<SyncStatus> {
    const remote = this.remote
    if (!remote) {
      this.needsSignIn = true
      this.lastError = 'Not signed in to the team server: sign in to sync. Your changes are kept.'
      return { ...this.status(), syncing: false }
    }
    try {
      const scope = this.scope
      this.scope = new Set()
      const waiting = await push(this.store, (path, options) =>
        this.ask(remote, options.method ?? 'POST', path, options),
      )
      await pull(
        {
          db: this.db,
          workflows: this.workflows,
          user: this.user,
          ask: (method, path, options) => this.ask(remote, method, path, options),
          fingerprints: this.fingerprints,
        },
        scope,
      )
      this.online = true
      this.needsSignIn = false
      if (waiting) {
        this.backOff(waiting)
      } else {
        this.lastError = null
        this.failures = 0
        this.nextAttemptAt = 0
      }
      this.store.setSyncValue('lastSyncAt', new Date().toISOString())
    } catch (error) {
      this.failed(error)
    }
    return { ...this.status(), syncing: false }
  }

  private failed(error: unknown): void {
    if (error instanceof SignedOut) return // signOut() already said what the state is
    if (error instanceof SignInNeeded) {
      this.online = true
      this.needsSignIn = true
      this.lastError = 'The team server refused the sign-in (401). Sign in again; your changes are kept.'
      return
    }
    this.online = !(error instanceof NetworkError)
    if (error instanceof ServerBusy) return this.retryAfter(error)
    this.backOff((error as Error).message)
  }

  /**
   * The server said when to come back: then, plus up to as long again at random, so desks refused
   * together do not return together. The retry is scheduled, not left to the next interval.
   */
  private retryAfter(busy: ServerBusy): void {
    this.lastError = busy.message
    const delay = busy.retryAfter * 1000 * (1 + this.random())
    this.nextAttemptAt = Date.now() + delay
    if (this.timers.length === 0) return
    if (this.busyRetry) clearTimeout(this.busyRetry)
    this.busyRetry = setTimeout(() => {
      this.busyRetry = null
      void this.sync()
    }, delay)
    this.busyRetry.unref()
  }

  private backOff(message: string): void {
    this.lastError = message
    this.failures++
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1))
    this.nextAttemptAt = Date.now() + backoff / 2 + this.random() * (backoff / 2)
  }

  /** Every request of a run goes through here: a sign-out meanwhile ends the run quietly. */
  private async ask(remote: Remote, method: HttpMethod, path: string, options = {}): Promise<RemoteAnswer> {
    const answer = await remote.request(method, path, options)
    if (this.remote !== remote) throw new SignedOut()
    return answer
  }
}
