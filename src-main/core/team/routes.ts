import type { Hono } from 'hono'
import type { ApiEnv } from '../api/env'
import { parseBody, parseJsonText, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Clock } from '../clock'
import type { Db } from '../store/db'
import type { AuditFilter } from '../store/audit-tx'
import { toAuditEntry } from './audit'
import { teamOverview } from './overview'
import { parseReassign, reassign } from './reassign'
import {
  activateUser,
  addUser,
  changeUser,
  changeUserBody,
  deactivateBody,
  deactivateUser,
  listUsers,
  newTemporaryPassword,
  newUserBody,
  resetPassword,
} from './users'

export interface AdminDeps {
  db: Db
  clock: Clock
  /** The real time the audit records. */
  wallClock: () => Date
  /** Whether this host owns its data; a desk that follows a team server runs admin calls there. */
  ownsData: () => boolean
  /** Sends an admin call to the team server this desk follows (path with its query). */
  forward?: (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: Uint8Array,
  ) => Promise<{ status: number; body: unknown }>
}

const MAX_FORWARDED_BYTES = 50 * 1024 * 1024

/** /api/admin/*: admins only; on a desk that follows a team server, they act on the server. */
export function addAdminRoutes(api: Hono<ApiEnv>, deps: AdminDeps): void {
  const { db } = deps
  api.use('/admin/*', async (c, next) => {
    if (c.var.user.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only admins can do this')
    if (deps.ownsData()) return next()
    if (!deps.forward) throw new ApiError('SYNC_NOT_CONFIGURED', 'This host runs admin calls on its team server')
    if (Number(c.req.header('content-length') ?? 0) > MAX_FORWARDED_BYTES)
      throw validationError({ body: 'is larger than 50 MB' })
    const method = c.req.method === 'POST' || c.req.method === 'PUT' ? c.req.method : 'GET'
    const body = method === 'GET' ? undefined : new Uint8Array(await c.req.arrayBuffer())
    const url = new URL(c.req.url)
    const answer = await deps.forward(method, `${url.pathname.replace(/^\/api/, '')}${url.search}`, body)
    return c.json(answer.body as object, answer.status as 200)
  })
  const json = async (text: Promise<string>) => parseJsonText(await text)

  api.get('/admin/team', async (c) => c.json(await db.read((tx) => teamOverview(tx, deps.clock))))
  api.post('/admin/workflows/reassign', async (c) => {
    const body = parseReassign(await json(c.req.text()))
    return c.json(await db.write((tx) => reassign(tx, c.var.user, deps.wallClock(), body)))
  })
  api.get('/admin/users', async (c) => c.json(await db.read(listUsers)))
  api.post('/admin/users', async (c) => {
    const body = parseBody(newUserBody, await json(c.req.text()))
    const password = await newTemporaryPassword()
    return c.json(await db.write((tx) => addUser(tx, c.var.user, deps.wallClock(), body, password)))
  })
  api.post('/admin/users/:id', async (c) => {
    const body = parseBody(changeUserBody, await json(c.req.text()))
    return c.json(await db.write((tx) => changeUser(tx, c.var.user, deps.wallClock(), c.req.param('id'), body)))
  })
  api.post('/admin/users/:id/deactivate', async (c) => {
    const body = parseBody(deactivateBody, await json(c.req.text()))
    return c.json(await db.write((tx) => deactivateUser(tx, c.var.user, deps.wallClock(), c.req.param('id'), body)))
  })
  api.post('/admin/users/:id/activate', async (c) =>
    c.json(await db.write((tx) => activateUser(tx, c.var.user, deps.wallClock(), c.req.param('id')))),
  )
  api.post('/admin/users/:id/password', async (c) => {
    const password = await newTemporaryPassword()
    return c.json(await db.write((tx) => resetPassword(tx, c.var.user, deps.wallClock(), c.req.param('id'), password)))
  })
  api.get('/admin/audit', async (c) => {
    const limit = c.req.query('limit') ?? '50'
    const before = c.req.query('before')
    if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 500)
      throw validationError({ limit: 'must be a whole number from 1 to 500' })
    if (before !== undefined && !/^\d{1,15}$/.test(before)) throw validationError({ before: 'must be an entry seq' })
    const filter = auditFilter((name) => c.req.query(name))
    const rows = await db.read((tx) =>
      tx.auditEntries(Number(limit), before === undefined ? null : Number(before), filter),
    )
    return c.json({
      success: true,
      entries: rows.map(toAuditEntry),
      nextBefore: rows.length === Number(limit) ? rows.at(-1)!.seq : null,
    })
  })
}

const ACTION = /^[a-z-]{1,40}$/

/** The audit's filters from the query: `action` and `except` (comma-separated), `actor` (a user id), `from`/`until` (ISO times). */
function auditFilter(query: (name: string) => string | undefined): AuditFilter {
  const list = (name: string) => {
    const value = query(name)
    if (value === undefined || value === '') return undefined
    const items = value.split(',')
    if (items.length > 20 || !items.every((a) => ACTION.test(a)))
      throw validationError({ [name]: 'must be actions, comma-separated' })
    return items
  }
  const time = (name: string) => {
    const value = query(name)
    if (value === undefined || value === '') return undefined
    if (value.length > 40 || Number.isNaN(Date.parse(value)))
      throw validationError({ [name]: 'must be an ISO date or time' })
    return new Date(value).toISOString()
  }
  const actor = query('actor')
  if (actor !== undefined && (actor.length > 200 || !actor)) throw validationError({ actor: 'must be a user id' })
  return {
    actions: list('action'),
    exceptActions: list('except'),
    actorId: actor,
    from: time('from'),
    until: time('until'),
  }
}
