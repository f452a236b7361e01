import type { User } from '../api/auth'
import { contexts, statusDay } from '../workflows/queries'
import type { ContextForm } from '../workflows/context-form'
import type { Workflows } from '../workflows'
import { recordedStep } from '../workflows/rules'
import { RawJson, stringifyWithRaw } from './raw-json'
import { BOOK_PAGE, type BookPage, type BookStep } from './types'

/** A context as the book carries it: steps lean, JSON columns written as stored. */
const BOOK_CONTEXT: ContextForm<BookStep> = {
  json: (text) => new RawJson(text),
  steps: (def, results) =>
    def.steps.map((step, index) => ({ id: step.id, result: results[index] ? recordedStep(results[index]) : null })),
}

/**
 * One page of the caller's book, as the JSON text it is sent as: every workflow assigned to them
 * that is pending or in progress (snoozed ones too), after `after` in id order, each with its
 * steps as recorded. A desk's first sync reads its whole book this way, without first asking for its queue.
 */
export async function bookPageText(
  workflows: Workflows,
  user: User,
  after: string | null,
  size = BOOK_PAGE,
): Promise<string> {
  const answer = await workflows.db.read(async (tx): Promise<BookPage> => {
    const { page, next, sets, counts } = await tx.bookSets(user.id, after, size, statusDay(workflows.clock))
    const read = { sets, counts: new Map([[user.id, counts]]) }
    const found = await contexts(tx, workflows.clock, workflows.playbooks, user, page, read, BOOK_CONTEXT)
    return { success: true, contexts: found.contexts, next }
  })
  return stringifyWithRaw(answer)
}
