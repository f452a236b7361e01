import type { Clock } from '../clock'
import type { User } from '../api/auth'
import { z } from 'zod'
import { parseBody } from '../api/bodies'
import type {
  CompleteStepResponse,
  ContextsResponse,
  CompleteWorkflowResponse,
  MeResponse,
  QueueResponse,
  StartResponse,
  WorkflowContext,
} from '../api/types'
import type { Db, Tx } from '../store/db'
import * as changes from './changes'
import type { ChangeDeps, LocalChange } from './changes'
import * as queries from './queries'
import { Tasks } from '../tasks/tasks'
import { Forecasts } from '../renewals/forecasts'
import type { PlaybookCatalog } from '../playbooks/catalog'
import { startPlaybook } from '../playbooks/start'
import type { StartPlaybookResponse } from '../playbooks/types'

export type { LocalChange }

export const MAX_CONTEXTS = 500
const contextsBody = z.strictObject({ ids: z.array(z.string().min(1).max(200)).min(1).max(MAX_CONTEXTS) })

/** Called inside the change's transaction, so the change and its outbox entry commit together. */
export type ChangeRecorder = (change: LocalChange) => void

/**
 * The API's use-cases over any engine. Reads run in `db.read`; a change runs in its own
 * transaction, or in the caller's (`tx`) when it must commit with something else (an
 * idempotency record, a replay of pending changes).
 */
export class Workflows {
  private recorder: ChangeRecorder | null = null
  private replaying = false
  private readonly deps: ChangeDeps

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    /** The playbook versions workflows run on. */
    readonly playbooks: PlaybookCatalog,
    /** The real time, which tokens are checked against too; the business clock may be fixed. */
    wallClock: () => Date = () => new Date(),
  ) {
    const record = (change: LocalChange) => {
      if (this.recorder && !this.replaying) this.recorder(change)
    }
    this.tasks = new Tasks({ db, clock, record })
    this.forecasts = new Forecasts({ db, clock, wallClock, record })
    this.deps = { clock, wallClock, record, forecasts: this.forecasts, playbooks }
  }

  /** The CSM's tasks, recorded for sync like every change here. */
  readonly tasks: Tasks
  /** Renewals' forecasts, recorded for sync too. */
  readonly forecasts: Forecasts

  /** Sync records every change in its outbox from here on. */
  recordChangesWith(recorder: ChangeRecorder): void {
    this.recorder = recorder
  }

  /** Re-applies changes confirmed elsewhere (sync's replay) without recording them again. */
  async replay<T>(fn: () => Promise<T>): Promise<T> {
    this.replaying = true
    try {
      return await fn()
    } finally {
      this.replaying = false
    }
  }

  private change<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? fn(tx) : this.db.write(fn)
  }

  me(user: User): Promise<MeResponse> {
    return this.db.read((tx) => queries.me(tx, this.clock, user))
  }

  queue(user: User, csmId: string): Promise<QueueResponse> {
    return this.db.read((tx) => queries.queue(tx, this.clock, user, csmId))
  }

  context(user: User, id: string): Promise<WorkflowContext> {
    return this.db.read((tx) => queries.context(tx, this.clock, this.playbooks, user, id))
  }

  /** Many contexts in one read; body `{ ids }`, 1 to 500 workflow ids. */
  contexts(user: User, rawBody: unknown): Promise<ContextsResponse> {
    const { ids } = parseBody(contextsBody, rawBody)
    return this.db.read((tx) => queries.contexts(tx, this.clock, this.playbooks, user, ids))
  }

  start(user: User, id: string, body: unknown, tx?: Tx): Promise<StartResponse> {
    return this.change(tx, (t) => changes.start(t, this.deps, user, id, body))
  }

  completeStep(user: User, id: string, stepId: string, body: unknown, tx?: Tx): Promise<CompleteStepResponse> {
    return this.change(tx, (t) => changes.completeStep(t, this.deps, user, id, stepId, body))
  }

  completeWorkflow(user: User, id: string, body: unknown, tx?: Tx): Promise<CompleteWorkflowResponse> {
    return this.change(tx, (t) => changes.completeWorkflow(t, this.deps, user, id, body))
  }

  snooze(user: User, id: string, body: unknown, tx?: Tx): Promise<changes.SnoozeResponse> {
    return this.change(tx, (t) => changes.snooze(t, this.deps, user, id, body))
  }

  resume(user: User, id: string, tx?: Tx): Promise<changes.SnoozeResponse> {
    return this.change(tx, (t) => changes.resume(t, this.deps, user, id))
  }

  /** Starts one of the team's own playbooks on an account (POST /accounts/{id}/workflows). */
  startPlaybook(user: User, customerId: string, body: unknown, tx?: Tx): Promise<StartPlaybookResponse> {
    return this.change(tx, (t) => startPlaybook(t, this.deps, user, customerId, body))
  }
}
