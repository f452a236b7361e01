import type { OutboxRow, Store } from '../store/store'
import { describeAnswer } from './outbox'
import { handOverWorkflow, handsOver } from './handover'
import { SignInNeeded } from './pull'
import { alreadyApplied } from './rebase'
import type { RemoteAnswer } from './remote'

/** The CSM signed out while a run was under way: it ends without an error or a counted try. */
export class SignedOut extends Error {
  constructor() {
    super('signed out')
  }
}

type Send = (
  path: string,
  options: { body: unknown; idempotencyKey: string; method?: 'POST' | 'PUT' },
) => Promise<RemoteAnswer>

/**
 * Sends pending entries in order within each workflow. A rejected entry holds the later ones
 * of its workflow; an entry the server could not take now (5xx, 408, 429) holds only its own
 * workflow for this run. A network error ends the run: the server is out of reach. Returns
 * why some entries still wait, if they do.
 */
export async function push(store: Store, send: Send): Promise<string | null> {
  const waiting = new Set<string>()
  let why: string | null = null
  for (const entry of store.outbox()) {
    // A workflow handed over earlier in this run has left the outbox with its later entries.
    if (!store.outboxEntry(entry.id)) continue
    if (entry.status === 'rejected' || waiting.has(entry.workflow_id)) {
      waiting.add(entry.workflow_id)
      continue
    }
    let outcome = await pushEntry(store, send, entry)
    if (outcome === 'handover') outcome = (await handOverWorkflow(store, send, entry.workflow_id)) ? 'done' : 'rejected'
    if (outcome !== 'done') waiting.add(entry.workflow_id)
    if (outcome !== 'done' && outcome !== 'rejected') why = outcome
  }
  return why
}

async function pushEntry(
  store: Store,
  send: Send,
  entry: OutboxRow,
): Promise<'done' | 'rejected' | 'handover' | string> {
  let answer: RemoteAnswer
  try {
    answer = await send(entry.path, {
      body: JSON.parse(entry.body_json),
      idempotencyKey: entry.id,
      method: entry.kind === 'set-forecast' ? 'PUT' : 'POST',
    })
  } catch (error) {
    if (!(error instanceof SignedOut)) store.outboxAttemptFailed(entry.id, (error as Error).message)
    throw error
  }
  if ((answer.status >= 200 && answer.status < 300) || alreadyApplied(entry, answer)) {
    store.removeFromOutbox(entry.id)
    return 'done'
  }
  if (answer.status === 401) {
    store.outboxAttemptFailed(entry.id, 'The team server refused the sign-in (401)')
    throw new SignInNeeded()
  }
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429) {
    const message = `The team server answered ${answer.status}; retrying`
    store.outboxAttemptFailed(entry.id, message)
    return message
  }
  store.rejectOutboxEntry(entry.id, describeAnswer(answer.status, answer.body), JSON.stringify(answer.body ?? null))
  // Reassigned or closed meanwhile: the work goes to the server as a handover (the entry stays refused if that fails).
  return handsOver(answer) ? 'handover' : 'rejected'
}
