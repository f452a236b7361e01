import type { ApiEnv } from '../api/env'
import type { Hono } from 'hono'
import { z } from 'zod'
import { identityFromToken, type User } from '../api/auth'
import { parseBody, parseJsonText } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { SyncConnection } from './connection'
import type { SyncEngine } from './engine'

const discardBody = z.strictObject({ held: z.enum(['discard', 'release']).optional() })
const configBody = z.strictObject({
  serverUrl: z.string().min(1).max(2000),
  token: z.string().min(1).max(10_000),
  /** Yes, remove the demo book and the work done in it (asked when there is some). */
  discardDemo: z.boolean().optional(),
})

/** /api/sync: status, configuration, sync now, the outbox, and retry or discard of a rejected entry. */
export function addSyncRoutes(api: Hono<ApiEnv>, sync: SyncConnection | null): void {
  const engine = (user: User): SyncEngine => {
    if (!sync?.engine)
      throw new ApiError(
        'SYNC_NOT_CONFIGURED',
        'This app is not connected to a team server yet; set one up in Settings',
      )
    if (user.id !== sync.engine.user.id)
      throw new ApiError('FORBIDDEN', 'Only the CSM this app syncs for can see or change its sync')
    return sync.engine
  }
  api.get('/sync/status', (c) =>
    c.json(
      sync?.engine
        ? { success: true, ...engine(c.var.user).status() }
        : { success: true, configured: false, canConnect: false, why: NOT_A_DESK },
    ),
  )
  api.post('/sync/config', async (c) => {
    const { serverUrl, token, discardDemo } = parseBody(configBody, parseJsonText(await c.req.text()))
    // Every check before any side effect: no request leaves, nothing is removed or stored.
    mayConnect(sync, c.var.user, token)
    await sync!.connect(serverUrl, token, { discardDemo, actor: c.var.user })
    return c.json({ success: true, ...(await engine(c.var.user).sync()) })
  })
  api.post('/sync/sign-out', (c) => {
    engine(c.var.user)
    sync!.signOut(c.var.user)
    return c.json({ success: true, ...engine(c.var.user).status() })
  })
  api.post('/sync/notices/dismiss', (c) => {
    engine(c.var.user).dismissNotices()
    return c.json({ success: true, ...engine(c.var.user).status() })
  })
  api.post('/sync', async (c) => c.json({ success: true, ...(await engine(c.var.user).sync()) }))
  api.get('/sync/outbox', (c) => c.json({ success: true, entries: engine(c.var.user).outbox() }))
  const notRejected = (id: string) => new ApiError('NOT_FOUND', `No rejected outbox entry ${id}`, { entryId: id })
  api.post('/sync/outbox/:entryId/retry', (c) => {
    const id = c.req.param('entryId')
    if (!engine(c.var.user).retry(id)) throw notRejected(id)
    return c.json({ success: true, ...engine(c.var.user).status() })
  })
  api.post('/sync/outbox/:entryId/discard', async (c) => {
    const id = c.req.param('entryId')
    const { held } = parseBody(discardBody, parseJsonText(await c.req.text()) ?? {})
    const result = engine(c.var.user).discard(id, held)
    if (!result.done && result.reason === 'not-rejected') throw notRejected(id)
    if (!result.done && result.reason === 'held') {
      throw new ApiError(
        'VALIDATION_ERROR',
        `${result.held.length} later change(s) of this workflow wait on this one: say whether to discard them too or send them`,
        { fields: { held: 'must be "discard" or "release"' }, heldEntries: result.held },
      )
    }
    return c.json({ success: true, ...engine(c.var.user).status() })
  })
}

const NOT_A_DESK =
  'This host serves its own data, so it follows no team server; whoever runs it can start it with --upstream'

/**
 * Through the API, only a desk reconnects, and only for its own user: a host that serves its own
 * data (a team on SQLite, the demo) never follows another server on anyone's word. Whoever runs
 * a host makes it a desk with --upstream at start (docs/decisions/0012-who-may-connect.md).
 */
function mayConnect(sync: SyncConnection | null, caller: User, token: string): void {
  if (!sync) throw new ApiError('FORBIDDEN', 'A team server on PostgreSQL follows no other server')
  const deskUser = sync.engine?.user.id
  if (!deskUser) throw new ApiError('FORBIDDEN', NOT_A_DESK)
  if (deskUser !== caller.id)
    throw new ApiError('FORBIDDEN', 'Only the CSM this desk syncs for can connect it to a team server')
  const named = identityFromToken(token)
  if (named && named.id !== caller.id)
    throw new ApiError('FORBIDDEN', 'That token is for another user: a desk connects only for its own user')
}
