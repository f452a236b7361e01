import { availableParallelism } from 'node:os'
import type { ApiEnv } from './api/env'
import { Hono, type Context } from 'hono'
import mockQueue from '../../resources/mock/queue.json'
import mockContext from '../../resources/mock/context.json'
import type { Accounts } from './auth/accounts'
import type { Idempotency } from './api/idempotency'
import { ApiError } from './api/errors'
import { bodyLimit } from './api/body-limit'
import { Gate, type FirstSyncLimits } from './api/gate'
import { jsonOnlyText, nulError, parseJsonText } from './api/bodies'
import { clientAddress } from './api/client-address'
import type { StepContent } from './step-content'
import type { Workflows } from './workflows'
import type { Tasks } from './tasks/tasks'
import { remindersOf } from './tasks/reminders'
import type { Tx } from './store/db'
import type { SyncConnection } from './sync/connection'
import { addSyncRoutes } from './sync/routes'
import type { EventHub } from './events/hub'
import { addEventRoutes } from './events/routes'
import { addImportRoutes, MAX_IMPORT_BYTES, type ImportDeps } from './import/routes'
import { addAdminRoutes, type AdminDeps } from './team/routes'
import { addHandoverRoutes } from './handovers/routes'
import { addRenewalRoutes } from './renewals/routes'
import { addReportRoutes } from './reports/routes'
import { addSignInRoutes } from './sso/routes'
import { addHealthRoutes } from './health/routes'
import type { Health } from './health/health'
import type { SingleSignOn } from './sso/sign-in'
import { addPlaybookRoutes } from './playbooks/routes'
import { addBookRoutes } from './book/routes'
import type { PlaybookEditor } from './playbooks/editing'

export interface ApiDeps {
  workflows: Workflows
  tasks: Tasks
  content: StepContent
  idempotency: Idempotency
  /** Null on a team server on PostgreSQL, which syncs with no one. */
  sync: SyncConnection | null
  accounts: Accounts
  /** Single sign-on through the team's OpenID provider, when the server is set up for it. */
  sso?: SingleSignOn | null
  events: EventHub
  /** Health scores: the scorecard, previews and each account's why. */
  health: Health
  /** Playbooks: their editing and publishing. */
  playbooks: PlaybookEditor
  imports: ImportDeps
  admin: AdminDeps
  /** How often an idle event stream says it is alive (20 s). */
  heartbeatMs?: number
  /** Behind a reverse proxy: the client's address is the last one X-Forwarded-For names. */
  trustProxy?: boolean
  /** Open event streams: per user (5) and in all (2,000). */
  eventStreams?: { perUser?: number; total?: number }
  /**
   * Desks' books and context batches (their first sync) running at once (one a core, at least 2)
   * and waiting (up to 2,000, and no more than the recent runs predict to be served within 15 s);
   * beyond, 503 with a Retry-After of 1 to 5 seconds, so a Monday-morning stampede queues.
   */
  firstSyncs?: FirstSyncLimits
  /** Where unexpected errors go; the response never carries their details. */
  logError?: (error: unknown) => void
}

const MAX_BODY_BYTES = 1024 * 1024
const MAX_SIGN_IN_BYTES = 16 * 1024
/** What a token with a temporary password may still do. */
const MAY_CHANGE_PASSWORD = new Set(['/api/auth/password', '/api/auth/logout'])

const SIGN_IN_LIMIT = bodyLimit(MAX_SIGN_IN_BYTES, '16 KB')
const BODY_LIMIT = bodyLimit(MAX_BODY_BYTES, '1 MB')
const IMPORT_LIMIT = bodyLimit(MAX_IMPORT_BYTES, '50 MB')

function bodyLimitFor(path: string) {
  if (path.startsWith('/api/auth/')) return SIGN_IN_LIMIT
  return path === '/api/admin/import' ? IMPORT_LIMIT : BODY_LIMIT
}

/**
 * Where in the path or query a NUL character (raw or %00) stands, or null. Headers need no look:
 * a header value with NUL never becomes a Request (the HTTP parser and the Headers class refuse it).
 */
function nulIn(request: Request): string | null {
  return request.url.includes('%00') || request.url.includes('\0') ? 'url' : null
}

/** The workflow API contract as a web-standard router: Request in, Response out. */
export function createApi({
  workflows,
  tasks,
  content,
  idempotency,
  sync,
  accounts,
  sso = null,
  events,
  health,
  playbooks,
  imports,
  admin,
  heartbeatMs = 20_000,
  trustProxy = false,
  eventStreams = {},
  firstSyncs = {},
  logError = console.error,
}: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>().basePath('/api')
  const firstSyncGate = new Gate({
    running: firstSyncs.running ?? Math.max(2, availableParallelism()),
    waiting: firstSyncs.waiting ?? 2000,
    maxWaitMs: firstSyncs.maxWaitMs ?? 15_000,
    busy: 'The team server is busy with other desks’ first syncs; this desk tries again shortly',
    retryAfter: firstSyncs.retryAfter ?? { min: 1, max: 5 },
  })

  // Every route is under a body limit, sign-in's the smallest: none reads an endless upload.
  // (A GET or HEAD request carries no body: the Request class refuses one.)
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : bodyLimitFor(c.req.path)(c, next),
  )
  api.use('*', async (c, next) => {
    const problem = nulIn(c.req.raw)
    if (problem) throw nulError(problem)
    await next()
  })
  api.get('/health', (c) => c.json({ success: true, status: 'ok' }))

  api.post('/auth/login', async (c) =>
    c.json(await accounts.login(parseJsonText(await jsonOnlyText(c)), clientAddress(c, trustProxy))),
  )
  addSignInRoutes(api, sso, accounts, (c) => clientAddress(c, trustProxy))
  api.use('*', async (c, next) => {
    const token = await accounts.authenticate(c.req.header('authorization'))
    if (token.mustChangePassword && !MAY_CHANGE_PASSWORD.has(c.req.path))
      throw new ApiError('PASSWORD_CHANGE_REQUIRED', 'Your password is temporary: choose your own to go on', {
        changeAt: '/api/auth/password',
      })
    c.set('user', token.user)
    c.set('token', token)
    await next()
  })
  api.post('/auth/logout', async (c) => {
    await accounts.logout(c.var.token)
    // Signed in through the provider: the answer says where to end that session too.
    const providerLogoutUrl =
      c.var.token.sso && sso ? await sso.logoutUrl(c.var.token.jti, new URL(c.req.url).origin) : null
    return c.json({ success: true, ...(providerLogoutUrl && { providerLogoutUrl }) })
  })
  api.post('/auth/password', async (c) => {
    const body = parseJsonText(await jsonOnlyText(c))
    // A desk signs in at its team server: the password changes there.
    if (sync?.engine) {
      await sync.changePassword(c.var.user, body)
      return c.json({ success: true })
    }
    return c.json(await accounts.changeOwnPassword(c.var.token, body, clientAddress(c, trustProxy)))
  })

  api.get('/me', async (c) => c.json(await workflows.me(c.var.user)))
  addSyncRoutes(api, sync)
  addEventRoutes(
    api,
    events,
    { heartbeatMs, ...eventStreams },
    (authorization) =>
      accounts.authenticate(authorization).then(
        () => true,
        (error: unknown) => !(error instanceof ApiError && error.status === 401),
      ),
    logError,
  )
  addAdminRoutes(api, admin)
  addImportRoutes(api, imports)
  api.get('/workflows/mock/queue/:csmId', (c) => c.json(mockQueue))
  api.get('/workflows/mock/:workflowId/context', (c) => c.json(mockContext))

  api.get('/workflows/queue/:csmId', async (c) => c.json(await workflows.queue(c.var.user, c.req.param('csmId'))))
  addBookRoutes(api, workflows, firstSyncGate)
  api.get('/workflows/:workflowId/context', async (c) =>
    c.json(await workflows.context(c.var.user, c.req.param('workflowId'))),
  )
  api.get('/workflows/:workflowId/steps/:stepId/content', async (c) =>
    c.json(await content.content(c.var.user, c.req.param('workflowId'), c.req.param('stepId'))),
  )
  api.post('/workflows/:workflowId/render', async (c) =>
    c.json(await content.preview(c.var.user, c.req.param('workflowId'), parseJsonText(await c.req.text()))),
  )
  // A change with an Idempotency-Key is applied once; a resend gets the first answer again.
  const change = async <T>(c: Context<ApiEnv>, fn: (body: unknown, tx: Tx) => Promise<T>) => {
    const text = await c.req.text()
    const path = new URL(c.req.url).pathname
    const body = parseJsonText(text)
    return c.json(await idempotency.run(c.var.user, c.req.header('idempotency-key'), path, text, (tx) => fn(body, tx)))
  }
  api.post('/workflows/:workflowId/start', (c) =>
    change(c, (body, tx) => workflows.start(c.var.user, c.req.param('workflowId'), body, tx)),
  )
  api.post('/workflows/:workflowId/steps/:stepId/complete', (c) =>
    change(c, (body, tx) =>
      workflows.completeStep(c.var.user, c.req.param('workflowId'), c.req.param('stepId'), body, tx),
    ),
  )
  api.post('/workflows/:workflowId/complete', (c) =>
    change(c, (body, tx) => workflows.completeWorkflow(c.var.user, c.req.param('workflowId'), body, tx)),
  )

  addHandoverRoutes(api, workflows, change, admin.wallClock)
  addRenewalRoutes(api, workflows, change, admin)
  addReportRoutes(api, admin)
  addHealthRoutes(api, health)
  addPlaybookRoutes(api, workflows, playbooks, change, admin.wallClock)
  api.post('/workflows/:workflowId/snooze', (c) =>
    change(c, (body, tx) => workflows.snooze(c.var.user, c.req.param('workflowId'), body, tx)),
  )
  api.post('/workflows/:workflowId/resume', (c) =>
    change(c, (_body, tx) => workflows.resume(c.var.user, c.req.param('workflowId'), tx)),
  )
  api.get('/reminders', async (c) =>
    c.json({ success: true, reminders: await remindersOf(workflows.db, workflows.clock, c.var.user) }),
  )
  api.get('/tasks', async (c) => c.json(await tasks.list(c.var.user, c.req.query('status'))))
  api.post('/tasks', (c) => change(c, (body, tx) => tasks.create(c.var.user, body, tx)))
  api.post('/tasks/:taskId/complete', (c) =>
    change(c, (body, tx) => tasks.mark(c.var.user, c.req.param('taskId'), true, body, tx)),
  )
  api.post('/tasks/:taskId/reopen', (c) =>
    change(c, (body, tx) => tasks.mark(c.var.user, c.req.param('taskId'), false, body, tx)),
  )

  api.notFound((c) =>
    c.json(new ApiError('NOT_FOUND', `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}`).toBody(), 404),
  )
  api.onError((error, c) => {
    if (error instanceof ApiError) {
      if (typeof error.details.retryAfter === 'number') c.header('Retry-After', String(error.details.retryAfter))
      return c.json(error.toBody(), error.status as 400)
    }
    logError(error)
    return c.json(new ApiError('SERVER_ERROR', 'Something went wrong on our side; nothing was changed').toBody(), 500)
  })
  return api
}
