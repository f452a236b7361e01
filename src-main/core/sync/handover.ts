import type { HandoverResponse } from '../api/types'
import type { OutboxRow, Store } from '../store/store'
import type { RemoteAnswer } from './remote'

type Send = (path: string, options: { body: unknown; idempotencyKey: string }) => Promise<RemoteAnswer>

/** What a desk tells its CSM about a decision the server made while they worked offline. */
export interface SyncNotice {
  at: string
  workflowId: string
  text: string
}

const MAX_NOTICES = 20

/** Whether a refusal means "this workflow is no longer yours to change": hand the work over instead. */
export function handsOver(answer: RemoteAnswer): boolean {
  const error = (answer.body as { error?: { code?: string; details?: { handover?: unknown } } } | undefined)?.error
  if (answer.status === 403) return typeof error?.details?.handover === 'string'
  return answer.status === 409 && error?.code === 'WORKFLOW_CLOSED'
}

/**
 * Hands every change of a workflow still in the outbox to the server, which lands them or keeps
 * them with the workflow. On success they leave the outbox, a reassigned workflow leaves this
 * desk, and the CSM is told what happened. Returns whether it was handed over.
 */
export async function handOverWorkflow(store: Store, send: Send, workflowId: string): Promise<boolean> {
  const entries = store.outbox().filter((e) => e.workflow_id === workflowId)
  if (!entries.length) return false
  const answer = await send(`/workflows/${encodeURIComponent(workflowId)}/handover`, {
    body: { changes: entries.map(toChange) },
    idempotencyKey: `handover-${entries[0]!.id}`,
  })
  if (answer.status < 200 || answer.status >= 300) return false
  const result = answer.body as HandoverResponse
  const name = accountOf(store, workflowId)
  store.transaction(() => {
    for (const entry of entries) store.removeFromOutbox(entry.id)
    if (result.heldBy) store.deleteWorkflow(workflowId)
    addNotice(store, { at: new Date().toISOString(), workflowId, text: noticeText(name, entries.length, result) })
  })
  return true
}

function toChange(entry: OutboxRow) {
  return { kind: entry.kind, path: entry.path, body: JSON.parse(entry.body_json), recordedAt: entry.created_at }
}

function accountOf(store: Store, workflowId: string): string {
  const wf = store.workflow(workflowId)
  return (wf && store.customer(wf.customer_id)?.name) ?? 'A workflow'
}

function noticeText(account: string, count: number, result: HandoverResponse): string {
  const changes = count === 1 ? 'your change' : `your ${count} changes`
  if (result.heldBy && result.outcome === 'landed')
    return `${account} renewal was reassigned to ${result.heldBy.name}; ${changes} landed on it before the handover.`
  if (result.heldBy) return `${account} renewal was reassigned to ${result.heldBy.name}; ${changes} were handed over.`
  const successor = result.successorId ? ', and offered to its new renewal workflow' : ''
  return `${account} renewal was closed on the server meanwhile; ${changes} are kept with it${successor}.`
}

function addNotice(store: Store, notice: SyncNotice): void {
  store.setSyncValue('notices', JSON.stringify([notice, ...notices(store)].slice(0, MAX_NOTICES)))
}

export function notices(store: Store): SyncNotice[] {
  const kept = store.syncValue('notices')
  return kept ? (JSON.parse(kept) as SyncNotice[]) : []
}

export function dismissNotices(store: Store): void {
  store.setSyncValue('notices', '[]')
}
