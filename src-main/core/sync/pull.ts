import { createHash } from 'node:crypto'
import type { User } from '../api/auth'
import type { ContextsResponse, QueueResponse, Task } from '../api/types'
import { bookContext, type BookContext, type BookPage } from '../book/types'
import { nextActionTasks } from '../tasks/tasks'
import type { Tx } from '../store/db'
import type { SqliteDb } from '../store/sqlite-db'
import { forecastKey, type OutboxRow, type Store } from '../store/store'
import type { Workflows } from '../workflows'
import { heldEntries } from './outbox'
import { adoptScorecard, rescore } from '../health/health'
import type { Scorecard } from '../health/types'
import { isoDay } from '../clock'
import { writeConfirmedState } from './rebase'
import type { RemoteAnswer } from './remote'

/** Everything the CSM has, or just the workflows an event named. */
export type PullScope = 'all' | ReadonlySet<string>

const BATCH = 500
/** A book's page may wait its turn behind other desks' first syncs (up to 15 s) before it is read. */
const BOOK_TIMEOUT_MS = 30_000

export class SignInNeeded extends Error {
  constructor() {
    super('sign-in needed')
  }
}

export interface PullDeps {
  db: SqliteDb
  workflows: Workflows
  user: User & { name: string }
  ask(method: 'GET' | 'POST', path: string, options?: { body?: unknown; timeoutMs?: number }): Promise<RemoteAnswer>
  /** A fingerprint of each workflow's confirmed state as last pulled: unchanged ones are not rewritten. */
  fingerprints: Map<string, string>
}

/** The team server is busy (503 SERVER_BUSY): try again after `retryAfter` seconds. */
export class ServerBusy extends Error {
  constructor(readonly retryAfter: number) {
    super(`The team server is busy; this desk tries again in about ${retryAfter} s`)
  }
}

function checked<T>(answer: RemoteAnswer, what: string): T {
  if (answer.status === 401) throw new SignInNeeded()
  if (answer.status === 503) {
    const retryAfter = (answer.body as { error?: { details?: { retryAfter?: unknown } } } | undefined)?.error?.details
      ?.retryAfter
    throw new ServerBusy(typeof retryAfter === 'number' && retryAfter > 0 && retryAfter <= 600 ? retryAfter : 5)
  }
  if (answer.status !== 200) throw new Error(`The team server refused ${what} (${answer.status})`)
  return answer.body as T
}

/** Contexts in batches of 500; a workflow the server no longer shows this CSM is gone. */
async function fetchContexts(deps: PullDeps, ids: readonly string[]) {
  const contexts: BookContext[] = []
  const gone: string[] = []
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = checked<ContextsResponse>(
      await deps.ask('POST', '/workflows/contexts', { body: { ids: ids.slice(i, i + BATCH) } }),
      'the contexts',
    )
    for (const context of batch.contexts) {
      // An admin may read a workflow assigned to someone else: for this desk it is gone.
      if (context.workflow.assignee.id === deps.user.id) contexts.push(bookContext(context))
      else gone.push(context.workflow.id)
    }
    for (const { id } of batch.unavailable) gone.push(id)
  }
  return { contexts, gone }
}

/** The CSM's whole book, page by page; null from a server that has no book (it answers the queue). */
async function fetchBook(deps: PullDeps): Promise<BookContext[] | null> {
  const contexts: BookContext[] = []
  for (let after: string | null = null; ;) {
    const query: string = after === null ? '' : `?after=${encodeURIComponent(after)}`
    const answer = await deps.ask('GET', `/workflows/book${query}`, { timeoutMs: BOOK_TIMEOUT_MS })
    if (answer.status === 404 && after === null) return null
    const page = checked<BookPage>(answer, 'the book')
    if (!Array.isArray(page?.contexts)) throw new Error('The team server’s answer was cut short')
    // A server from before the lean book sends whole steps: kept the same way, so fingerprints compare.
    for (const c of page.contexts) if (c.workflow.assignee.id === deps.user.id) contexts.push(bookContext(c))
    if (!page.next) return contexts
    after = page.next
  }
}

/** The CSM's workflows from a server of before the book: its queue's ids, then their contexts. */
async function queueIds(deps: PullDeps): Promise<string[]> {
  const queue = checked<QueueResponse>(
    await deps.ask('GET', `/workflows/queue/${encodeURIComponent(deps.user.id)}`),
    'the queue',
  )
  return queue.workflows.map((w) => w.id)
}

/**
 * The server's state of a scope. For everything: the CSM's book, and whatever is active or
 * waiting here that the book does not hold (completed, reassigned or removed there).
 */
async function fetchScope(deps: PullDeps, scope: PullScope) {
  if (scope !== 'all') return fetchContexts(deps, [...scope])
  const store = deps.db.store
  const book = await fetchBook(deps)
  const have = new Set(book?.map((c) => c.workflow.id))
  const more = new Set(book ? [] : await queueIds(deps))
  for (const id of store.activeWorkflowIds(deps.user.id)) if (!have.has(id)) more.add(id)
  for (const entry of store.outbox()) if (!have.has(entry.workflow_id)) more.add(entry.workflow_id)
  const rest = await fetchContexts(deps, [...more])
  return { contexts: [...(book ?? []), ...rest.contexts], gone: rest.gone }
}

const fingerprint = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64')

/**
 * Stores the server's state of the workflows in scope and replays pending changes on top, in
 * one transaction. Workflows whose server state is unchanged, and that have nothing waiting
 * here, are left alone. The desk's own app hears of what changed.
 */
export async function pull(deps: PullDeps, scope: PullScope): Promise<void> {
  const store = deps.db.store
  const { contexts, gone } = await fetchScope(deps, scope)
  const tasks = scope === 'all' ? checked<{ tasks: Task[] }>(await deps.ask('GET', '/tasks'), 'the tasks').tasks : null
  // The team's scorecard, so this desk scores its accounts offline as the server does.
  const scorecard = scope === 'all' ? await fetchScorecard(deps) : null
  const today = isoDay(deps.workflows.clock.now())
  if (scorecard) await deps.db.write((tx) => adoptScorecard(tx, scorecard, today))
  // Published playbook versions, so this desk works its workflows (and starts playbooks) offline.
  const catalog = deps.workflows.playbooks
  const unknown = (type: string, version = 1) => !catalog.has(type, version)
  if (
    scope === 'all' ||
    contexts.some(
      (c) =>
        unknown(c.workflow.type, c.workflow.playbookVersion) ||
        (c.history ?? []).some((h) => unknown(h.type, h.playbookVersion)),
    )
  )
    await pullPlaybooks(deps)
  const outboxNow = store.outbox()
  const waiting = new Set(outboxNow.map((e) => e.workflow_id))
  const printed = new Map(contexts.map((c) => [c.workflow.id, fingerprint(c)]))
  const changed = contexts.filter(
    (c) => waiting.has(c.workflow.id) || deps.fingerprints.get(c.workflow.id) !== printed.get(c.workflow.id),
  )
  const dropped = gone.filter((id) => !waiting.has(id) && store.workflow(id))
  const tasksPrint = tasks && fingerprint(tasks)
  const tasksChanged =
    tasks !== null && (deps.fingerprints.get(TASKS) !== tasksPrint || outboxNow.some((e) => isTaskChange(e)))
  if (!changed.length && !dropped.length && !tasksChanged) return
  await deps.db.write(async (tx) => {
    writeConfirmedState(store, changed)
    await rescore(tx, today, [...new Set(changed.map((c) => c.customer.id))])
    for (const id of dropped) store.deleteWorkflow(id)
    const outbox = store.outbox()
    const held = heldEntries(outbox)
    const rewritten = new Set(changed.map((c) => c.workflow.id))
    for (const c of changed) rewritten.add(forecastKey(c.customer.id))
    const pending = outbox.filter((e) => e.status === 'pending' && !held.has(e.id))
    // A step still here, waiting, held or refused, keeps its next actions in Tasks: they follow it.
    const steps = outbox.filter((e) => e.kind === 'complete-step')
    if (tasksChanged) await replaceTasks(deps, tasks!, steps)
    await replayPending(
      deps,
      tx,
      pending.filter((e) => rewritten.has(e.workflow_id) || (tasksChanged && isTaskChange(e))),
    )
    const only = changed.length + dropped.length === 1 ? (changed[0]?.workflow.id ?? dropped[0]) : null
    await tx.recordChange({
      user_id: deps.user.id,
      type: only ? 'workflow-changed' : 'queue-changed',
      workflow_id: only ?? null,
      customer_id: null,
      at: new Date().toISOString(),
    })
  })
  for (const context of changed) deps.fingerprints.set(context.workflow.id, printed.get(context.workflow.id)!)
  for (const id of gone) deps.fingerprints.delete(id)
  if (tasksPrint) deps.fingerprints.set(TASKS, tasksPrint)
}

/** The scorecard in force on the team server; a server from before scorecards has none. */
async function fetchScorecard(deps: PullDeps): Promise<Scorecard | null> {
  const answer = await deps.ask('GET', '/scorecard')
  if (answer.status === 404) return null
  return checked<{ scorecard: Scorecard }>(answer, 'the scorecard').scorecard
}

/** The playbook versions this desk lacks, kept as the server has them; a server from before playbooks has none. */
async function pullPlaybooks(deps: PullDeps): Promise<void> {
  const store = deps.db.store
  const known = new Map<string, number>()
  for (const row of store.playbookVersionsAfter(new Map()))
    known.set(row.playbook_id, Math.max(row.version, known.get(row.playbook_id) ?? 0))
  const answer = await deps.ask('POST', '/playbooks/versions', { body: { known: Object.fromEntries(known) } })
  // A server from before playbooks has none; this desk works on the versions it has.
  if (answer.status !== 200 && answer.status !== 401 && answer.status !== 503) return
  const { playbooks, versions, stages } = checked<PlaybooksAnswer>(answer, 'the playbooks')
  if (!Array.isArray(playbooks) || !Array.isArray(versions)) return
  if (!versions.length && sameAsHere(store, playbooks, stages ?? [])) return // most pulls: nothing to write
  const at = new Date().toISOString()
  await deps.db.write(async () => {
    for (const p of playbooks) {
      store.insertPlaybook({
        id: p.id,
        kind: p.kind,
        published_version: null,
        draft_json: null,
        updated_at: at,
        updated_by: null,
      })
      if (p.publishedVersion !== null) store.setPublished(p.id, p.publishedVersion, at, 'team server')
    }
    for (const v of versions) {
      const row = {
        playbook_id: v.playbookId,
        version: v.version,
        body_json: JSON.stringify(v.body),
        published_at: v.publishedAt,
        published_by: v.publishedBy,
        note: v.note,
      }
      store.insertPlaybookVersion(row)
      deps.workflows.playbooks.adopt(row)
    }
    // The stages the team pointed at other playbooks, so a start this desk replays names them rightly.
    const pointed = new Map((stages ?? []).map((s) => [s.stage, s.playbookId]))
    for (const { stage } of store.stagePlaybooks())
      if (!pointed.has(stage)) store.pointStage(stage, null, at, 'team server')
    for (const [stage, playbookId] of pointed) store.pointStage(stage, playbookId, at, 'team server')
  })
}

/** Whether this desk already has the server's published versions and stage pointing. */
function sameAsHere(
  store: Store,
  playbooks: PlaybooksAnswer['playbooks'],
  stages: { stage: string; playbookId: string }[],
) {
  const published = new Map(store.playbooks().map((p) => [p.id, p.published_version]))
  const pointed = new Map(store.stagePlaybooks().map((s) => [s.stage, s.playbook_id]))
  return (
    playbooks.every((p) => published.has(p.id) && published.get(p.id) === p.publishedVersion) &&
    stages.length === pointed.size &&
    stages.every((s) => pointed.get(s.stage) === s.playbookId)
  )
}

interface PlaybooksAnswer {
  playbooks: { id: string; kind: 'renewal' | 'custom'; publishedVersion: number | null }[]
  versions: {
    playbookId: string
    version: number
    body: unknown
    publishedAt: string
    publishedBy: string
    note: string
  }[]
  /** From a server that lets stages point at other playbooks. */
  stages?: { stage: string; playbookId: string }[]
}

/** The fingerprint key of the CSM's task list. */
const TASKS = 'tasks'

function isTaskChange(entry: OutboxRow): boolean {
  return entry.kind === 'create-task' || entry.kind === 'complete-task' || entry.kind === 'reopen-task'
}

/**
 * The CSM's tasks as the server has them, plus the next actions of steps still here, waiting or
 * refused (their tasks exist on the server only once the step lands); task changes are replayed after.
 */
async function replaceTasks(deps: PullDeps, tasks: readonly Task[], steps: readonly OutboxRow[]): Promise<void> {
  const store = deps.db.store
  store.deleteTasksOf(deps.user.id)
  for (const t of tasks) {
    store.insertTask({
      id: t.id,
      csm_id: deps.user.id,
      customer_id: t.customerId,
      workflow_id: t.workflowId,
      description: t.description,
      due_date: t.dueDate,
      priority: t.priority,
      status: t.status,
      created_at: t.createdAt,
      completed_at: t.completedAt,
      kind: t.kind ?? null,
    })
  }
  for (const entry of steps) {
    const body = JSON.parse(entry.body_json) as { stepId: string; completedAt: string; outputs?: { nextActions?: [] } }
    const customerId = store.workflow(entry.workflow_id)?.customer_id
    if (!customerId || !body.outputs?.nextActions) continue
    const step = {
      workflowId: entry.workflow_id,
      stepId: body.stepId,
      customerId,
      csmId: deps.user.id,
      completedAt: body.completedAt,
    }
    for (const task of nextActionTasks(step, body.outputs.nextActions)) store.insertTask(task)
  }
}

/** Pending changes go back on top of the server's state, so nothing local is hidden. */
function replayPending(deps: PullDeps, tx: Tx, pending: readonly OutboxRow[]): Promise<void> {
  const { workflows, user } = deps
  return workflows.replay(async () => {
    for (const entry of pending) {
      const body = JSON.parse(entry.body_json)
      const stepId = /\/steps\/([^/]+)\/complete$/.exec(entry.path)?.[1]
      const id = entry.workflow_id
      try {
        await tx.savepoint(async () => {
          const taskId = /^\/tasks\/([^/]+)\//.exec(entry.path)?.[1]
          if (entry.kind === 'start') await workflows.start(user, id, body, tx)
          else if (entry.kind === 'start-playbook')
            await workflows.startPlaybook(user, decodeURIComponent(entry.path.split('/')[2]!), body, tx)
          else if (entry.kind === 'set-forecast')
            await workflows.forecasts.set(user, id.slice(forecastKey('').length), body, tx)
          else if (entry.kind === 'complete-step')
            await workflows.completeStep(user, id, decodeURIComponent(stepId!), body, tx)
          else if (entry.kind === 'complete-workflow') await workflows.completeWorkflow(user, id, body, tx)
          else if (entry.kind === 'snooze') await workflows.snooze(user, id, body, tx)
          else if (entry.kind === 'resume') await workflows.resume(user, id, tx)
          else if (entry.kind === 'create-task') await workflows.tasks.create(user, body, tx)
          else await workflows.tasks.mark(user, decodeURIComponent(taskId!), entry.kind === 'complete-task', body, tx)
        })
      } catch {
        // The server's state already has it, or contradicts it: push will tell which.
      }
    }
  })
}
