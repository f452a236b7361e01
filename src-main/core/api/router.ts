import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import mockQueue from '../../../resources/mock/queue.json'
import mockContext from '../../../resources/mock/context.json'
import type { TokenVerifier, User } from './auth'
import type { Idempotency } from './idempotency'
import { ApiError } from './errors'
import { parseJsonText } from './bodies'
import type { StepContent } from '../step-content'
import type { Workflows } from '../workflows'
import type { SyncConnection } from '../sync/connection'
import { addSyncRoutes } from '../sync/routes'

export interface ApiDeps {
  workflows: Workflows
  content: StepContent
  idempotency: Idempotency
  sync: SyncConnection
  verifier: TokenVerifier
  /** Where unexpected errors go; the response never carries their details. */
  logError?: (error: unknown) => void
}

type Env = { Variables: { user: User } }

const MAX_BODY_BYTES = 1024 * 1024

/** The workflow API contract as a web-standard router: Request in, Response out. */
export function createApi({
  workflows,
  content,
  idempotency,
  sync,
  verifier,
  logError = console.error,
}: ApiDeps): Hono<Env> {
  const api = new Hono<Env>().basePath('/api')

  api.get('/health', (c) => c.json({ success: true, status: 'ok' }))

  api.use('*', async (c, next) => {
    c.set('user', verifier.verifyHeader(c.req.header('authorization')))
    await next()
  })
  api.on(
    'POST',
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('VALIDATION_ERROR', 'Request body is larger than 1 MB', { fields: { body: 'is too large' } })
      },
    }),
  )

  api.get('/me', (c) => c.json(workflows.me(c.var.user)))
  addSyncRoutes(api, sync)
  api.get('/workflows/mock/queue/:csmId', (c) => c.json(mockQueue))
  api.get('/workflows/mock/:workflowId/context', (c) => c.json(mockContext))

  api.get('/workflows/queue/:csmId', (c) => c.json(workflows.queue(c.var.user, c.req.param('csmId'))))
  api.get('/workflows/:workflowId/context', (c) => c.json(workflows.context(c.var.user, c.req.param('workflowId'))))
  api.get('/workflows/:workflowId/steps/:stepId/content', (c) =>
    c.json(content.content(c.var.user, c.req.param('workflowId'), c.req.param('stepId'))),
  )
  api.post('/workflows/:workflowId/render', async (c) =>
    c.json(content.preview(c.var.user, c.req.param('workflowId'), parseJsonText(await c.req.text()))),
  )
  // A change with an Idempotency-Key is applied once; a resend gets the first answer again.
  const change = <T>(c: Context<Env>, fn: (body: unknown) => T) =>
    c.req
      .text()
      .then((text) =>
        c.json(
          idempotency.run(c.var.user, c.req.header('idempotency-key'), new URL(c.req.url).pathname, text, () =>
            fn(parseJsonText(text)),
          ),
        ),
      )
  api.post('/workflows/:workflowId/start', (c) =>
    change(c, (body) => workflows.start(c.var.user, c.req.param('workflowId'), body)),
  )
  api.post('/workflows/:workflowId/steps/:stepId/complete', (c) =>
    change(c, (body) => workflows.completeStep(c.var.user, c.req.param('workflowId'), c.req.param('stepId'), body)),
  )
  api.post('/workflows/:workflowId/complete', (c) =>
    change(c, (body) => workflows.completeWorkflow(c.var.user, c.req.param('workflowId'), body)),
  )

  api.notFound((c) =>
    c.json(new ApiError('NOT_FOUND', `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}`).toBody(), 404),
  )
  api.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status as 400)
    logError(error)
    return c.json(new ApiError('SERVER_ERROR', 'Something went wrong on our side; nothing was changed').toBody(), 500)
  })
  return api
}
