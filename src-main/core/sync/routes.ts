import type { ApiEnv } from '../api/env'
import type { Hono } from 'hono'
import { z } from 'zod'
import type { User } from '../api/auth'
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
    c.json(sync?.engine ? { success: true, ...engine(c.var.user).status() } : { success: true, configured: false }),
  )
  api.post('/sync/config', async (c) => {
    const { serverUrl, token, discardDemo } = parseBody(configBody, await c.req.json().catch(() => undefined))
    if (!sync) throw new ApiError('SYNC_NOT_CONFIGURED', 'A team server on PostgreSQL syncs with no other server')
    await sync.connect(serverUrl, token, { discardDemo })
    return c.json({ success: true, ...(await engine(c.var.user).sync()) })
  })
  api.post('/sync/sign-out', (c) => {
    engine(c.var.user)
    sync!.signOut()
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
