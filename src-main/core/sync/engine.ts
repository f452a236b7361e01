import { randomUUID } from 'node:crypto'
import type { User } from '../api/auth'
import type { QueueResponse, WorkflowContext } from '../api/types'
import type { OutboxRow, Store } from '../store/store'
import type { LocalChange, Workflows } from '../workflows'
import { alreadyApplied, writeConfirmedState } from './rebase'
import { NetworkError, type Remote } from './remote'

export interface SyncStatus {
  configured: true
  server: string | null
  online: boolean
  pending: number
  rejected: number
  lastSyncAt: string | null
  lastError: string | null
  /** A 401: sync waits for a new sign-in and keeps everything. */
  needsSignIn: boolean
  syncing: boolean
}

export interface OutboxEntry {
  id: string
  workflowId: string
  kind: OutboxRow['kind']
  path: string
  body: unknown
  createdAt: string
  attempts: number
  lastError: string | null
  status: 'pending' | 'rejected'
  rejection: unknown
}

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
  private queued: Promise<SyncStatus> | null = null
  private failures = 0
  private nextAttemptAt = 0
  private timers: NodeJS.Timeout[] = []
  private soon: NodeJS.Timeout | null = null

  private remote: Remote | null = null

  constructor(
    private readonly store: Store,
    private readonly workflows: Workflows,
    readonly user: User & { name: string },
    private readonly random: () => number = Math.random,
  ) {
    workflows.recordChangesWith((change) => this.record(change))
  }

  /** Points sync at a team server with the CSM's token there. */
  connect(remote: Remote): void {
    this.remote = remote
    this.needsSignIn = false
    this.lastError = null
    this.failures = 0
    this.nextAttemptAt = 0
    if (this.timers.length) void this.sync()
  }

  /** Forgets the server token; changes keep being recorded and wait for the next sign-in. */
  signOut(): void {
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
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
    if (this.soon) clearTimeout(this.soon)
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
    const counts = this.store.outboxCounts()
    return {
      configured: true,
      server: this.remote?.baseUrl ?? null,
      online: this.online,
      pending: counts.pending,
      rejected: counts.rejected,
      lastSyncAt: this.store.syncValue('lastSyncAt') ?? null,
      lastError: this.lastError,
      needsSignIn: this.needsSignIn,
      syncing: this.running !== null || this.queued !== null,
    }
  }

  outbox(): OutboxEntry[] {
    return this.store.outbox().map((row) => ({
      id: row.id,
      workflowId: row.workflow_id,
      kind: row.kind,
      path: row.path,
      body: JSON.parse(row.body_json),
      createdAt: row.created_at,
      attempts: row.attempts,
      lastError: row.last_error,
      status: row.status,
      rejection: row.rejection_json ? JSON.parse(row.rejection_json) : null,
    }))
  }

  /** Puts a rejected entry back in line, to be pushed again. */
  retry(id: string): boolean {
    const entry = this.store.outboxEntry(id)
    if (!entry || entry.status !== 'rejected') return false
    this.store.retryOutboxEntry(id)
    this.syncSoon()
    return true
  }

  /** Drops a rejected entry for good (the app asks the CSM first), and refreshes from the server. */
  discard(id: string): boolean {
    const entry = this.store.outboxEntry(id)
    if (!entry || entry.status !== 'rejected') return false
    this.store.removeFromOutbox(id)
    this.syncSoon()
    return true
  }

  /**
   * Push, then pull. The answer always comes from a run that started after the call: a call
   * made while a run is under way (which may have begun before the caller's change) gets one
   * more run after it, shared by every call made meanwhile.
   */
  sync(): Promise<SyncStatus> {
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
    if (!this.remote) {
      this.needsSignIn = true
      this.lastError = 'Not signed in to the team server: sign in to sync. Your changes are kept.'
      return { ...this.status(), syncing: false }
    }
    try {
      const pushed = await this.push()
      if (pushed) await this.pull()
      this.online = true
      this.needsSignIn = false
      this.lastError = null
      this.failures = 0
      this.nextAttemptAt = 0
      this.store.setSyncValue('lastSyncAt', new Date().toISOString())
    } catch (error) {
      this.failed(error)
    }
    return { ...this.status(), syncing: false }
  }

  private failed(error: unknown): void {
    if (error instanceof SignInNeeded) {
      this.online = true
      this.needsSignIn = true
      this.lastError = 'The team server refused the sign-in (401). Sign in again; your changes are kept.'
      return
    }
    this.online = !(error instanceof NetworkError)
    this.lastError = (error as Error).message
    this.failures++
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1))
    this.nextAttemptAt = Date.now() + backoff / 2 + this.random() * (backoff / 2)
  }

  /** Sends pending entries in order; stops at the first one that may not have landed. */
  private async push(): Promise<boolean> {
    for (const entry of this.store.pendingOutbox()) {
      let answer
      try {
        answer = await this.remote!.request('POST', entry.path, {
          body: JSON.parse(entry.body_json),
          idempotencyKey: entry.id,
        })
      } catch (error) {
        this.store.outboxAttemptFailed(entry.id, (error as Error).message)
        throw error
      }
      if (answer.status >= 200 && answer.status < 300) {
        this.store.removeFromOutbox(entry.id)
      } else if (answer.status === 401) {
        throw new SignInNeeded()
      } else if (answer.status >= 500 || answer.status === 408 || answer.status === 429) {
        const message = `The team server answered ${answer.status}; retrying`
        this.store.outboxAttemptFailed(entry.id, message)
        throw new Error(message)
      } else if (alreadyApplied(entry, answer)) {
        this.store.removeFromOutbox(entry.id)
      } else {
        const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error
        this.store.rejectOutboxEntry(
          entry.id,
          `${error?.code ?? answer.status}: ${error?.message ?? 'rejected by the team server'}`,
          JSON.stringify(answer.body ?? null),
        )
      }
    }
    return true
  }

  private async get<T>(path: string): Promise<{ status: number; body: T }> {
    const answer = await this.remote!.request('GET', path)
    if (answer.status === 401) throw new SignInNeeded()
    if (answer.status >= 500) throw new Error(`The team server answered ${answer.status}; retrying`)
    return answer as { status: number; body: T }
  }

  /** Fetches the CSM's queue and every workflow's context, stores them, replays what is pending. */
  private async pull(): Promise<void> {
    const queue = await this.get<QueueResponse>(`/workflows/queue/${encodeURIComponent(this.user.id)}`)
    if (queue.status !== 200) throw new Error(`The team server refused the queue (${queue.status})`)
    const ids = new Set(queue.body.workflows.map((w) => w.id))
    // Workflows active here but gone from the server's queue: completed, reassigned or removed there.
    for (const id of this.store.activeWorkflowIds(this.user.id)) ids.add(id)
    for (const entry of this.store.pendingOutbox()) ids.add(entry.workflow_id)
    const contexts: WorkflowContext[] = []
    const gone: string[] = []
    for (const id of ids) {
      const answer = await this.get<WorkflowContext>(`/workflows/${encodeURIComponent(id)}/context`)
      if (answer.status === 200) contexts.push(answer.body)
      else if (answer.status === 403 || answer.status === 404) gone.push(id)
      else throw new Error(`The team server refused workflow ${id} (${answer.status})`)
    }
    this.store.transaction(() => {
      writeConfirmedState(this.store, this.user, contexts)
      const pending = this.store.pendingOutbox()
      for (const id of gone) if (!pending.some((e) => e.workflow_id === id)) this.store.deleteWorkflow(id)
      this.replayPending(pending)
    })
  }

  /** Pending changes go back on top of the server's state, so nothing local is hidden. */
  private replayPending(pending: readonly OutboxRow[]): void {
    this.workflows.replay(() => {
      for (const entry of pending) {
        const body = JSON.parse(entry.body_json)
        const stepId = /\/steps\/([^/]+)\/complete$/.exec(entry.path)?.[1]
        try {
          this.store.transaction(() => {
            if (entry.kind === 'start') this.workflows.start(this.user, entry.workflow_id, body)
            else if (entry.kind === 'complete-step')
              this.workflows.completeStep(this.user, entry.workflow_id, decodeURIComponent(stepId!), body)
            else this.workflows.completeWorkflow(this.user, entry.workflow_id, body)
          })
        } catch {
          // The server's state already has it, or contradicts it: push will tell which.
        }
      }
    })
  }
}

class SignInNeeded extends Error {
  constructor() {
    super('sign-in needed')
  }
}
