import type { Hono } from 'hono'
import { z } from 'zod'
import type { ApiEnv } from '../api/env'
import { parseBody, parseJsonText } from '../api/bodies'
import type { Gate } from '../api/gate'
import type { Workflows } from '../workflows'
import { bookPageText } from './book'

/** A context batch this small is a pull after an event, not a first sync: the first-sync gate lets it by. */
const FEW_CONTEXTS = 5
const bookQuery = z.strictObject({ after: z.string().min(1).max(200).optional() })

/**
 * What desks read to sync: their book (a first sync, or a full pull) and contexts by id. Both
 * queue behind the first-sync gate; a pull after an event names a few workflows and goes straight through.
 */
export function addBookRoutes(api: Hono<ApiEnv>, workflows: Workflows, firstSyncs: Gate): void {
  api.get('/workflows/book', async (c) => {
    const { after } = parseBody(bookQuery, c.req.query())
    const user = c.var.user
    // One CSM's devices asking at once share one read, made after both asked.
    const text = await firstSyncs.run(
      () => bookPageText(workflows, user, after ?? null),
      `${user.id}\n${user.role}\n${after ?? ''}`,
    )
    return c.body(text, 200, { 'content-type': 'application/json' })
  })
  api.post('/workflows/contexts', async (c) => {
    const body = parseJsonText(await c.req.text())
    const read = () => workflows.contexts(c.var.user, body)
    const ids = (body as { ids?: unknown } | null)?.ids
    const small = Array.isArray(ids) && ids.length <= FEW_CONTEXTS
    return c.json(await (small ? read() : firstSyncs.run(read)))
  })
}
