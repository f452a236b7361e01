import type { User } from '../api/auth'
import { contexts, statusDay } from '../workflows/queries'
import type { Workflows } from '../workflows'
import { BOOK_PAGE, bookContext, type BookPage } from './types'

/**
 * One page of the caller's book: every workflow assigned to them that is pending or in progress
 * (snoozed ones too), after `after` in id order, each with its steps as recorded. A desk's first
 * sync reads its whole book this way, without first asking for its queue.
 */
export function bookPage(workflows: Workflows, user: User, after: string | null, size = BOOK_PAGE): Promise<BookPage> {
  return workflows.db.read(async (tx) => {
    const { page, next, sets, counts } = await tx.bookSets(user.id, after, size, statusDay(workflows.clock))
    const read = { sets, counts: new Map([[user.id, counts]]) }
    const { contexts: found } = await contexts(tx, workflows.clock, workflows.playbooks, user, page, read)
    return { success: true, contexts: found.map(bookContext), next }
  })
}
