import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import {
  CONTRACT_NOW,
  TEMPLATES_DIR,
  TEST_SECRET,
  apiDocExample,
  apiDocVariables,
  contractClock,
  tokenFor,
} from '../core/testing'
import { ENGINES, freshDatabase, type Engine } from '../core/testing-engines'
import { startHost, type Host } from './host'

const QUEUE_EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../../resources/mock/queue.json'), 'utf8'))
const CONTEXT_EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../../resources/mock/context.json'), 'utf8'))
const STEP_BODY = apiDocExample('step-body')
const STEP_RESPONSE = apiDocExample('step-response')
const START_BODY = apiDocExample('start-body')
const START_RESPONSE = apiDocExample('start-response')
const WORKFLOW_BODY = apiDocExample('workflow-body')
const WORKFLOW_RESPONSE = apiDocExample('workflow-response')

const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')
const admin = tokenFor('admin-1')

let host: Host

async function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = options.token === undefined ? sarah : options.token
  if (token) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${host.url}/api${path}`, {
    method,
    headers,
    body:
      method === 'GET'
        ? undefined
        : (options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))),
  })
  return { status: response.status, body: (await response.json()) as any }
}

function expectError(result: { status: number; body: any }, status: number, code: string) {
  expect(result.status).toBe(status)
  expect(result.body).toEqual({
    success: false,
    error: { code, message: expect.any(String), details: expect.any(Object) },
  })
  expect(result.body.error.message.length).toBeGreaterThan(10)
}

const started = (id: string, token = sarah) => call('POST', `/workflows/${id}/start`, { token, body: START_BODY })

let engine: Engine = 'sqlite'

async function fresh() {
  await host?.close()
  host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dbPath: await freshDatabase(engine),
    demo: true,
    jwtSecret: TEST_SECRET,
    clock: contractClock,
    rendererDir: resolve(__dirname, '../../out/renderer'),
    templatesDir: TEMPLATES_DIR,
    logError: () => {},
  })
}

// The whole API, on each engine: the same answers from SQLite and PostgreSQL.
describe.each(ENGINES)('on %s', (name) => {
  beforeAll(async () => {
    engine = name
    await fresh()
  })
  afterAll(() => host.close())

  describe('health and auth', () => {
    it('answers /api/health without a token', async () => {
      expect(await call('GET', '/health', { token: null })).toEqual({
        status: 200,
        body: { success: true, status: 'ok' },
      })
    })

    it.each([
      ['GET', '/workflows/queue/csm-456'],
      ['GET', '/workflows/wf-12345/context'],
      ['POST', '/workflows/wf-12345/start'],
      ['POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete'],
      ['POST', '/workflows/wf-12345/complete'],
      ['GET', '/workflows/wf-12345/steps/analyze-arr-performance/content'],
      ['POST', '/workflows/wf-12345/render'],
      ['GET', '/workflows/mock/queue/csm-456'],
      ['GET', '/workflows/mock/wf-12345/context'],
    ])('%s %s needs a valid token', async (method, path) => {
      expectError(await call(method, path, { token: null, body: {} }), 401, 'UNAUTHORIZED')
      expectError(await call(method, path, { token: 'abc.def.ghi', body: {} }), 401, 'UNAUTHORIZED')
      expectError(
        await call(method, path, { token: tokenFor('csm-456', 'some-other-secret-entirely'), body: {} }),
        401,
        'UNAUTHORIZED',
      )
    })

    it('refuses an expired token even though the business clock is in 2025', async () => {
      const expired = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, TEST_SECRET, {
        nowSeconds: Math.floor(Date.now() / 1000) - 3600,
        expiresInSeconds: 60,
      })
      expectError(await call('GET', '/workflows/queue/csm-456', { token: expired }), 401, 'UNAUTHORIZED')
    })

    it('tells the app who is signed in', async () => {
      expect((await call('GET', '/me')).body).toEqual({
        success: true,
        user: { id: 'csm-456', email: 'sarah@company.com', role: 'csm', name: 'Sarah Johnson' },
        today: '2025-12-28',
      })
      expectError(await call('GET', '/me', { token: null }), 401, 'UNAUTHORIZED')
    })

    it('answers an unknown route with 404 NOT_FOUND in the contract format', async () => {
      expectError(await call('GET', '/nope'), 404, 'NOT_FOUND')
      expectError(await call('DELETE', '/workflows/wf-12345/context'), 404, 'NOT_FOUND')
    })
  })

  describe('GET /workflows/queue/{csmId}', () => {
    it("puts the contract's wf-12345 first with priority 287, and wf-67890 next", async () => {
      const { status, body } = await call('GET', '/workflows/queue/csm-456')
      expect(status).toBe(200)
      const [first, second] = body.workflows
      const example = QUEUE_EXAMPLE.workflows[0]
      expect(first).toEqual({
        ...example,
        workflow: { ...example.workflow, priorityFactors: expect.any(Object) },
        // The contract shortens the summary with "..."; the queue carries it whole.
        intelligence: { ...example.intelligence, aiSummary: CONTEXT_EXAMPLE.intelligence.aiSummary },
      })
      expect(first.workflow.priorityFactors).toMatchObject({
        urgencyScore: 90,
        arrMultiplier: 2,
        accountPlanMultiplier: 1.5,
      })
      expect(second.id).toBe('wf-67890')
      expect(second.customer).toMatchObject({ id: 'cust-456', name: 'TechCo Inc', domain: 'techco.com' })
      const scores = body.workflows.map((w: any) => w.workflow.priorityScore)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
    })

    it('counts the stats over the same queue', async () => {
      const { body } = await call('GET', '/workflows/queue/csm-456')
      expect(body.stats).toEqual({ totalWorkflows: 7, pending: 4, inProgress: 2, completedToday: 1, snoozed: 0 })
      expect(body.workflows).toHaveLength(body.stats.pending + body.stats.inProgress)
    })

    it("keeps one CSM out of another's queue, lets an admin in, and says when a CSM does not exist", async () => {
      expectError(await call('GET', '/workflows/queue/csm-456', { token: marcus }), 403, 'FORBIDDEN')
      expect((await call('GET', '/workflows/queue/csm-456', { token: admin })).status).toBe(200)
      expectError(await call('GET', '/workflows/queue/csm-nobody', { token: admin }), 404, 'NOT_FOUND')
    })
  })

  describe('GET /workflows/{id}/context', () => {
    it("returns the contract's example context for wf-12345", async () => {
      const { status, body } = await call('GET', '/workflows/wf-12345/context')
      expect(status).toBe(200)
      expect(body.customer).toEqual({ ...CONTEXT_EXAMPLE.customer, accountPlan: 'invest' })
      expect(body.intelligence).toEqual(CONTEXT_EXAMPLE.intelligence)
      expect(body.data).toEqual(CONTEXT_EXAMPLE.data)
      expect(body.workflow).toMatchObject({
        stage: 'Emergency',
        stageName: 'Emergency Response Phase',
        daysUntilRenewal: 3,
        priorityScore: 287,
        priorityFactors: CONTEXT_EXAMPLE.workflow.priorityFactors,
        assignedAt: '2025-10-07T10:00:00Z',
        startedAt: null,
        status: 'pending',
        currentStep: { id: 'analyze-arr-performance', name: 'Analyze ARR Performance', estimatedTime: '15min' },
      })
    })

    it('resolves every path of the Variable Injection Reference to its example value', async () => {
      const { body } = await call('GET', '/workflows/wf-12345/context')
      const variables = apiDocVariables()
      expect(variables.length).toBeGreaterThanOrEqual(31)
      for (const { path, example } of variables) {
        const value = path
          .split(/\.|\[(\d+)\]/)
          .filter(Boolean)
          .reduce((v: any, key) => v?.[key], body)
        if (example === undefined) {
          expect(value, path).toEqual(expect.any(String)) // "Full text", "First insight"...
        } else {
          expect(String(value), path).toBe(example)
        }
      }
    })

    it('lets the assigned CSM and admins read it, nobody else', async () => {
      expectError(await call('GET', '/workflows/wf-12345/context', { token: marcus }), 403, 'FORBIDDEN')
      expect((await call('GET', '/workflows/wf-12345/context', { token: admin })).status).toBe(200)
      expectError(await call('GET', '/workflows/wf-nope/context'), 404, 'WORKFLOW_NOT_FOUND')
    })
  })

  describe('step content and template preview over HTTP', () => {
    it('serves the rendered step content with the context rules', async () => {
      const { status, body } = await call('GET', '/workflows/wf-12345/steps/analyze-arr-performance/content')
      expect(status).toBe(200)
      expect(body).toMatchObject({
        success: true,
        stepId: 'analyze-arr-performance',
        title: 'Analyze ARR Performance',
        missing: [],
      })
      expect(body.html).toContain('Acme Corporation')
      expectError(
        await call('GET', '/workflows/wf-12345/steps/analyze-arr-performance/content', { token: marcus }),
        403,
        'FORBIDDEN',
      )
      expectError(await call('GET', '/workflows/wf-12345/steps/nope/content'), 400, 'INVALID_STEP')
    })

    it('previews a template for admins and says where a template is broken', async () => {
      const ok = await call('POST', '/workflows/wf-12345/render', {
        token: admin,
        body: { template: '{{customer.name}} {{customer.nope}}' },
      })
      expect(ok.body).toEqual({
        success: true,
        output: expect.stringContaining('Acme Corporation'),
        missing: ['customer.nope'],
      })
      const broken = await call('POST', '/workflows/wf-12345/render', {
        token: admin,
        body: { template: '\n{{#if a}}' },
      })
      expectError(broken, 400, 'VALIDATION_ERROR')
      expect(broken.body.error.details.line).toBe(2)
      expectError(await call('POST', '/workflows/wf-12345/render', { body: { template: 'x' } }), 403, 'FORBIDDEN')
    })
  })

  describe('mock endpoints', () => {
    it("return the contract's static examples", async () => {
      expect((await call('GET', '/workflows/mock/queue/csm-456')).body).toEqual(QUEUE_EXAMPLE)
      expect((await call('GET', '/workflows/mock/wf-12345/context')).body).toEqual(CONTEXT_EXAMPLE)
    })
  })

  describe('the whole journey of wf-12345', () => {
    beforeAll(fresh)

    it('refuses to complete a step or the workflow before it is started', async () => {
      expectError(
        await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', { body: STEP_BODY }),
        409,
        'WORKFLOW_NOT_STARTED',
      )
      expectError(
        await call('POST', '/workflows/wf-12345/complete', { body: WORKFLOW_BODY }),
        409,
        'WORKFLOW_NOT_STARTED',
      )
    })

    it('lets only the assigned CSM start it', async () => {
      expectError(await started('wf-12345', marcus), 403, 'FORBIDDEN')
      expectError(await started('wf-12345', admin), 403, 'FORBIDDEN')
      expectError(await started('wf-nope'), 404, 'WORKFLOW_NOT_FOUND')
    })

    it("starts with the contract's response", async () => {
      // Times come back as toISOString(): the example's 14:00:00Z is 14:00:00.000Z.
      expect(await started('wf-12345')).toEqual({
        status: 200,
        body: { ...START_RESPONSE, workflow: { ...START_RESPONSE.workflow, startedAt: '2025-10-07T14:00:00.000Z' } },
      })
      expectError(await started('wf-12345'), 409, 'WORKFLOW_ALREADY_STARTED')
    })

    it('refuses steps that are unknown or not yet due', async () => {
      const unknown = await call('POST', '/workflows/wf-12345/steps/make-coffee/complete', { body: { duration: 1 } })
      expectError(unknown, 400, 'INVALID_STEP')
      expect(unknown.body.error.details.validSteps).toContain('analyze-arr-performance')
      const early = await call('POST', '/workflows/wf-12345/steps/executive-outreach/complete', {
        body: { duration: 1, outputs: { decision: 'call-booked' } },
      })
      expectError(early, 400, 'INVALID_STEP')
      expect(early.body.error.details.currentStepId).toBe('analyze-arr-performance')
    })

    it("completes the first step with the contract's body and response", async () => {
      const { status, body } = await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', {
        body: STEP_BODY,
      })
      expect(status).toBe(200)
      expect(body).toEqual({
        ...STEP_RESPONSE,
        workflow: {
          ...STEP_RESPONSE.workflow,
          skippedSteps: [],
          context: { steps: { 'analyze-arr-performance': { status: 'completed', outputs: STEP_BODY.outputs } } },
        },
      })
    })

    it('answers a repeated step with 409 STEP_ALREADY_COMPLETED carrying what was recorded', async () => {
      const again = await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', {
        body: STEP_BODY,
      })
      expectError(again, 409, 'STEP_ALREADY_COMPLETED')
      expect(again.body.error.details).toMatchObject({ status: 'completed', outputs: STEP_BODY.outputs, duration: 847 })
    })

    it('skips a skippable step with a reason, and refuses to skip one that may not be', async () => {
      const noReason = await call('POST', '/workflows/wf-12345/steps/review-health-indicators/complete', {
        body: { duration: 0, status: 'skipped' },
      })
      expectError(noReason, 400, 'VALIDATION_ERROR')
      expect(noReason.body.error.details.fields).toHaveProperty('reason')
      const skipped = await call('POST', '/workflows/wf-12345/steps/review-health-indicators/complete', {
        body: { duration: 0, status: 'skipped', reason: 'Reviewed with the health team yesterday' },
      })
      expect(skipped.status).toBe(200)
      expect(skipped.body.message).toBe('Step skipped')
      expect(skipped.body.workflow).toMatchObject({
        currentStep: { id: 'executive-outreach' },
        completedSteps: ['analyze-arr-performance'],
        skippedSteps: ['review-health-indicators'],
        progress: 0.5,
      })
      expect(skipped.body.suggestions.estimatedTimeRemaining).toBe('35min')
      const notSkippable = await call('POST', '/workflows/wf-12345/steps/executive-outreach/complete', {
        body: { duration: 0, status: 'skipped', reason: 'no time' },
      })
      expectError(notSkippable, 400, 'VALIDATION_ERROR')
      expect(notSkippable.body.error.details.fields).toHaveProperty('status')
    })

    it('shows the progress in the context', async () => {
      const { body } = await call('GET', '/workflows/wf-12345/context')
      expect(body.workflow).toMatchObject({
        status: 'in_progress',
        startedAt: '2025-10-07T14:00:00.000Z',
        completedSteps: ['analyze-arr-performance'],
        skippedSteps: ['review-health-indicators'],
        progress: 0.5,
        estimatedTimeRemaining: '35min',
      })
      expect(body.workflow.steps.map((s: any) => s.state)).toEqual(['done', 'skipped', 'current', 'upcoming'])
      expect(body.workflow.steps[0].result.outputs).toEqual(STEP_BODY.outputs)
      expect(body.workflow.steps[1].result.reason).toBe('Reviewed with the health team yesterday')
    })

    it('completes the workflow early: the steps left count as skipped, and the next workflow is offered', async () => {
      const { status, body } = await call('POST', '/workflows/wf-12345/complete', { body: WORKFLOW_BODY })
      expect(status).toBe(200)
      expect(body).toEqual({
        success: true,
        message: 'Workflow completed successfully',
        workflow: {
          id: 'wf-12345',
          status: 'completed',
          completedAt: '2025-10-07T15:30:00.000Z',
          totalDuration: 5400,
          stats: { stepsCompleted: 1, stepsSkipped: 3, avgStepDuration: 5400 },
        },
        nextWorkflow: {
          id: WORKFLOW_RESPONSE.nextWorkflow.id,
          customerId: WORKFLOW_RESPONSE.nextWorkflow.customerId,
          customer: WORKFLOW_RESPONSE.nextWorkflow.customer,
          priorityScore: expect.any(Number),
        },
      })
      const context = (await call('GET', '/workflows/wf-12345/context')).body
      expect(context.workflow.steps.map((s: any) => s.state)).toEqual(['done', 'skipped', 'skipped', 'skipped'])
    })

    it('refuses any further change to the completed workflow', async () => {
      expectError(
        await call('POST', '/workflows/wf-12345/complete', { body: WORKFLOW_BODY }),
        409,
        'WORKFLOW_COMPLETED',
      )
      expectError(await started('wf-12345'), 409, 'WORKFLOW_COMPLETED')
      expectError(
        await call('POST', '/workflows/wf-12345/steps/secure-commitment/complete', { body: { duration: 1 } }),
        409,
        'WORKFLOW_COMPLETED',
      )
    })

    it('takes it off the queue; wf-67890 leads', async () => {
      const { body } = await call('GET', '/workflows/queue/csm-456')
      expect(body.workflows[0].id).toBe('wf-67890')
      expect(body.workflows.map((w: any) => w.id)).not.toContain('wf-12345')
      // The contract's body says it was completed on 2025-10-07, so it does not count as today's.
      expect(body.stats).toEqual({ totalWorkflows: 6, pending: 3, inProgress: 2, completedToday: 1, snoozed: 0 })
    })

    it('completes a workflow with every step done with the contract stats', async () => {
      // wf-20001 (finalize-renewal) is in progress with its first step done.
      const steps = (await call('GET', '/workflows/wf-20001/context')).body.workflow.steps
      for (const step of steps.slice(1)) {
        const r = await call('POST', `/workflows/wf-20001/steps/${step.id}/complete`, {
          body: { duration: 600, outputs: { decision: step.outputs.decision.options[0].value, notes: 'Done.' } },
        })
        expect(r.status, step.id).toBe(200)
      }
      const { completedAt: _, ...completedNow } = WORKFLOW_BODY
      const done = await call('POST', '/workflows/wf-20001/complete', { body: completedNow })
      expect(done.body.workflow.stats).toEqual({ stepsCompleted: 4, stepsSkipped: 0, avgStepDuration: 1350 })
      expect(done.body.workflow.completedAt).toBe(CONTRACT_NOW)
      const { body } = await call('GET', '/workflows/queue/csm-456')
      expect(body.stats).toEqual({ totalWorkflows: 6, pending: 3, inProgress: 1, completedToday: 2, snoozed: 0 })
    })
  })

  describe('Idempotency-Key', () => {
    beforeAll(fresh)

    const post = (path: string, body: unknown, key: string) =>
      fetch(`${host.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sarah}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

    it('applies a change once and answers a resend with the first response', async () => {
      const first = await post('/workflows/wf-12345/start', { csmId: 'csm-456' }, 'key-start-0001')
      const again = await post('/workflows/wf-12345/start', { csmId: 'csm-456' }, 'key-start-0001')
      expect(first.status).toBe(200)
      expect(again).toEqual(first)
      const body = { duration: 60, outputs: { decision: 'proceed' } }
      await post('/workflows/wf-12345/steps/analyze-arr-performance/complete', body, 'key-step-0001')
      const resent = await post('/workflows/wf-12345/steps/analyze-arr-performance/complete', body, 'key-step-0001')
      expect(resent.status).toBe(200)
      const context = (await call('GET', '/workflows/wf-12345/context')).body
      expect(context.workflow.completedSteps).toEqual(['analyze-arr-performance'])
      expect(await host.core.db.read((tx) => tx.stepResults('wf-12345'))).toHaveLength(1)
    })

    it('refuses a key used for another request or another body (422), and a malformed key', async () => {
      expectError(
        await post('/workflows/wf-67890/start', { csmId: 'csm-456' }, 'key-start-0001'),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      )
      const other = { duration: 90, outputs: { decision: 'escalate' } }
      expectError(
        await post('/workflows/wf-12345/steps/analyze-arr-performance/complete', other, 'key-step-0001'),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      )
      expectError(await post('/workflows/wf-67890/start', { csmId: 'csm-456' }, 'bad key!'), 400, 'VALIDATION_ERROR')
      expect((await call('GET', '/workflows/wf-67890/context')).body.workflow.status).toBe('pending')
    })

    it('does not record a refusal, so a corrected resend can still succeed', async () => {
      expectError(
        await post('/workflows/wf-20003/start', { csmId: 'csm-101' }, 'key-lumen-0001'),
        400,
        'VALIDATION_ERROR',
      )
      expect((await post('/workflows/wf-20003/start', { csmId: 'csm-456' }, 'key-lumen-0001')).status).toBe(200)
    })
  })

  describe('request validation', () => {
    beforeEach(fresh)

    const badStarts: [string, unknown][] = [
      ['body', undefined],
      ['body', []],
      ['csmId', { startedAt: '2025-10-07T14:00:00Z' }],
      ['csmId', { csmId: 42 }],
      ['csmId', { csmId: '' }],
      ['csmId', { csmId: 'csm-101' }],
      ['startedAt', { csmId: 'csm-456', startedAt: 'yesterday' }],
      ['startedAt', { csmId: 'csm-456', startedAt: 1700000000 }],
      ['extra', { csmId: 'csm-456', extra: true }],
    ]
    it.each(badStarts)(
      'start: a bad %s is 400 VALIDATION_ERROR naming it, and changes nothing',
      async (field, body) => {
        const result = await call('POST', '/workflows/wf-67890/start', { body })
        expectError(result, 400, 'VALIDATION_ERROR')
        expect(Object.keys(result.body.error.details.fields)).toContain(field)
        expect(result.body.error.message).toContain(field)
        expect((await call('GET', '/workflows/wf-67890/context')).body.workflow.status).toBe('pending')
      },
    )

    const good = { duration: 60, outputs: { decision: 'proceed' } }
    const badSteps: [string, unknown][] = [
      ['body', 'hello'],
      ['duration', { outputs: { decision: 'proceed' } }],
      ['duration', { ...good, duration: -1 }],
      ['duration', { ...good, duration: 1.5 }],
      ['duration', { ...good, duration: '60' }],
      ['stepId', { ...good, stepId: 'review-health-indicators' }],
      ['completedAt', { ...good, completedAt: '2025-13-45' }],
      ['status', { ...good, status: 'done' }],
      ['reason', { ...good, reason: 42 }],
      ['completedBy', { ...good, completedBy: 'not-an-email' }],
      ['completedBy', { ...good, completedBy: 'marcus@company.com' }],
      ['outputs', { ...good, outputs: 'proceed' }],
      ['outputs.decision', { duration: 60, outputs: {} }],
      ['outputs.decision', { duration: 60, outputs: { decision: 'maybe' } }],
      ['outputs.notes', { ...good, outputs: { decision: 'proceed', notes: 7 } }],
      ['outputs.tags', { ...good, outputs: { decision: 'proceed', tags: 'healthy' } }],
      ['outputs.tags.0', { ...good, outputs: { decision: 'proceed', tags: [''] } }],
      [
        'outputs.artifacts.0.title',
        { ...good, outputs: { decision: 'proceed', artifacts: [{ id: 'a', type: 'report' }] } },
      ],
      [
        'outputs.nextActions.0.type',
        { ...good, outputs: { decision: 'proceed', nextActions: [{ type: 'party', description: 'x' }] } },
      ],
      [
        'outputs.nextActions.0.description',
        { ...good, outputs: { decision: 'proceed', nextActions: [{ type: 'task' }] } },
      ],
      [
        'outputs.nextActions.0.dueDate',
        {
          ...good,
          outputs: { decision: 'proceed', nextActions: [{ type: 'task', description: 'x', dueDate: 'soon' }] },
        },
      ],
      [
        'outputs.nextActions.0.priority',
        {
          ...good,
          outputs: { decision: 'proceed', nextActions: [{ type: 'task', description: 'x', priority: 'urgent' }] },
        },
      ],
      [
        'outputs.customData.arrGrowthRate',
        { ...good, outputs: { decision: 'proceed', customData: { arrGrowthRate: 'high' } } },
      ],
      [
        'outputs.customData.confidenceLevel',
        { ...good, outputs: { decision: 'proceed', customData: { confidenceLevel: 'sure' } } },
      ],
      ['outputs.customData.x', { ...good, outputs: { decision: 'proceed', customData: { x: { nested: true } } } }],
      ['outputs.mood', { ...good, outputs: { decision: 'proceed', mood: 'great' } }],
    ]
    it.each(badSteps)(
      'complete step: a bad %s is 400 VALIDATION_ERROR naming it, and changes nothing',
      async (field, body) => {
        await started('wf-12345')
        const result = await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', { body })
        expectError(result, 400, 'VALIDATION_ERROR')
        expect(Object.keys(result.body.error.details.fields)).toContain(field)
        expect((await call('GET', '/workflows/wf-12345/context')).body.workflow.completedSteps).toEqual([])
      },
    )

    const wfGood = { totalDuration: 60, status: 'success' }
    const badCompletions: [string, unknown][] = [
      ['totalDuration', { status: 'success' }],
      ['totalDuration', { ...wfGood, totalDuration: -5 }],
      ['status', { totalDuration: 60 }],
      ['status', { ...wfGood, status: 'great' }],
      ['completedAt', { ...wfGood, completedAt: 'now' }],
      ['completedBy', { ...wfGood, completedBy: 'tom@company.com' }],
      ['outcomes.confidence', { ...wfGood, outcomes: { confidence: 'total' } }],
      ['outcomes.nextSteps', { ...wfGood, outcomes: { nextSteps: 'call them' } }],
      ['outcomes.notes', { ...wfGood, outcomes: { notes: false } }],
      ['outcomes.status', { ...wfGood, outcomes: { status: 'meh' } }],
      ['outcomes.artifacts.0.id', { ...wfGood, outcomes: { artifacts: [{ type: 'plan', title: 'x' }] } }],
    ]
    it.each(badCompletions)(
      'complete workflow: a bad %s is 400 VALIDATION_ERROR naming it, and changes nothing',
      async (field, body) => {
        await started('wf-12345')
        const result = await call('POST', '/workflows/wf-12345/complete', { body })
        expectError(result, 400, 'VALIDATION_ERROR')
        expect(Object.keys(result.body.error.details.fields)).toContain(field)
        expect((await call('GET', '/workflows/wf-12345/context')).body.workflow.status).toBe('in_progress')
      },
    )

    it('refuses a body that is not JSON, and one over 1 MB', async () => {
      expectError(await call('POST', '/workflows/wf-12345/start', { raw: '{"csmId": ' }), 400, 'VALIDATION_ERROR')
      const huge = { csmId: 'csm-456', padding: 'x'.repeat(1_100_000) }
      expectError(await call('POST', '/workflows/wf-12345/start', { body: huge }), 400, 'VALIDATION_ERROR')
      expect((await call('GET', '/workflows/wf-12345/context')).body.workflow.status).toBe('pending')
    })

    it('uses the business clock for times the client leaves out', async () => {
      const { body } = await call('POST', '/workflows/wf-12345/start', { body: { csmId: 'csm-456' } })
      expect(body.workflow.startedAt).toBe(CONTRACT_NOW)
    })
  })

  describe('1,000 random and malformed requests', () => {
    beforeAll(fresh)

    it('never crash the host, never answer 500, and leave the database intact', async () => {
      let seed = 7
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
      const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!
      const ids = [
        'wf-12345',
        'wf-67890',
        'wf-20002',
        'wf-20005',
        'wf-30001',
        'nope',
        '%2e%2e',
        "'; DROP TABLE workflows;--",
        'a'.repeat(300),
      ]
      const steps = ['analyze-arr-performance', 'review-health-indicators', 'executive-outreach', 'x', '']
      const values = [
        null,
        true,
        0,
        -1,
        1e308,
        'x',
        '',
        [],
        {},
        [1, 'a'],
        { decision: 'proceed' },
        '2025-10-07T14:00:00Z',
      ]
      const randomValue = (depth = 0): unknown =>
        depth < 2 && rand() < 0.3
          ? Object.fromEntries(
              Array.from({ length: 1 + Math.floor(rand() * 4) }, () => [
                pick([
                  'csmId',
                  'duration',
                  'status',
                  'outputs',
                  'decision',
                  'totalDuration',
                  'outcomes',
                  'stepId',
                  '__proto__',
                  'constructor',
                ]),
                randomValue(depth + 1),
              ]),
            )
          : pick(values)
      const tokens = [sarah, sarah, sarah, marcus, admin, null, 'x.y.z']
      for (let i = 0; i < 1000; i++) {
        const id = pick(ids)
        const [method, path] = pick([
          ['GET', `/workflows/queue/${pick(['csm-456', 'csm-101', 'nobody'])}`],
          ['GET', `/workflows/${id}/context`],
          ['POST', `/workflows/${id}/start`],
          ['POST', `/workflows/${id}/steps/${pick(steps)}/complete`],
          ['POST', `/workflows/${id}/complete`],
          [pick(['PUT', 'DELETE', 'PATCH']), `/workflows/${id}`],
          ['GET', `/unknown/${pick(ids)}`],
        ])
        const raw = rand() < 0.15 ? pick(['{', '{"a":', 'null', '[]', '"', '\u0000', '{"csmId":"csm-456"}']) : undefined
        const result = await call(method!, path!.replace(/\/\/+/g, '/'), {
          token: pick(tokens),
          raw: raw ?? (method === 'GET' ? undefined : JSON.stringify(randomValue())),
        }).catch((error) => ({ status: -1, body: String(error) }))
        expect([200, 400, 401, 403, 404, 409], `${method} ${path}`).toContain(result.status)
        if (result.status !== 200) expect(result.body.success).toBe(false)
      }
      expect((await call('GET', '/health', { token: null })).status).toBe(200)
      if (engine === 'sqlite') expect(host.core.store.integrityCheck()).toBe('ok')
    })
  })
})
