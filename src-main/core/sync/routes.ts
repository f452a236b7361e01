import type { Hono } from 'hono'
import type { User } from '../api/auth'
import { ApiError } from '../api/errors'
import type { SyncEngine } from './engine'

type Env = { Variables: { user: User } }

/** /api/sync: status, sync now, the outbox, and retry or discard of a rejected entry. */
export function addSyncRoutes(api: Hono<Env>, sync: SyncEngine | null, syncUserId: string | null): void {
  const engine = (user: User): SyncEngine => {
    if (!sync)
      throw new ApiError('SYNC_NOT_CONFIGURED', 'This app is not connected to a team server; start it with --upstream')
    if (user.id !== syncUserId)
      throw new ApiError('FORBIDDEN', 'Only the CSM this app syncs for can see or change its sync')
    return sync
  }
  api.get('/sync/status', (c) =>
    c.json(sync ? { success: true, ...engine(c.var.user).status() } : { success: true, configured: false }),
  )
  api.post('/sync', async (c) => c.json({ success: true, ...(await engine(c.var.user).sync()) }))
  api.get('/sync/outbox', (c) => c.json({ success: true, entries: engine(c.var.user).outbox() }))
  const act = (action: 'retry' | 'discard') =>
    api.post(`/sync/outbox/:entryId/${action}`, (c) => {
      const id = c.req.param('entryId')
      const done = engine(c.var.user)[action](id)
      if (!done) throw new ApiError('NOT_FOUND', `No rejected outbox entry ${id}`, { entryId: id })
      return c.json({ success: true, ...engine(c.var.user).status() })
    })
  act('retry')
  act('discard')
}
