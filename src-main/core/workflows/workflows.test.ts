import { describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { demoUser, testCore, tokenFor } from '../testing'
import type { Store } from '../store/store'

const core = () => testCore()

async function post(c: Core, path: string, body: unknown) {
  const response = await c.api.fetch(
    new Request(`http://desk.local/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('csm-456')}` },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: (await response.json()) as any }
}

function breakAfter(store: Store, method: keyof Store): void {
  const original = store[method] as (...args: unknown[]) => unknown
  ;(store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    original.apply(store, args)
    throw new Error('disk full')
  }
}

describe('Workflows: one change, one transaction', () => {
  it('leaves nothing half-written when completing a workflow fails mid-way, and answers 500 in the contract format', async () => {
    const c = await core()
    await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456' })
    const before = await c.workflows.context(demoUser('csm-456'), 'wf-12345')
    // The remaining steps are written as skipped first; then marking the workflow completed fails.
    breakAfter(c.store, 'markCompleted')
    const result = await post(c, '/workflows/wf-12345/complete', { totalDuration: 60, status: 'success' })
    expect(result.status).toBe(500)
    expect(result.body).toEqual({
      success: false,
      error: { code: 'SERVER_ERROR', message: expect.stringMatching(/nothing was changed/), details: {} },
    })
    expect(await c.workflows.context(demoUser('csm-456'), 'wf-12345')).toEqual(before)
    expect(c.store.stepResults('wf-12345')).toEqual([])
  })

  it('leaves nothing half-written when recording a step fails', async () => {
    const c = await core()
    await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456' })
    breakAfter(c.store, 'insertStepResult')
    const result = await post(c, '/workflows/wf-12345/steps/analyze-arr-performance/complete', {
      duration: 60,
      outputs: { decision: 'proceed' },
    })
    expect(result.status).toBe(500)
    expect(c.store.stepResults('wf-12345')).toEqual([])
  })

  it('keeps completed workflows out of the queue but counts the ones finished today', async () => {
    const c = await core()
    const queue = await c.workflows.queue(demoUser('csm-456'), 'csm-456')
    expect(queue.workflows.every((w) => w.workflow.status !== 'completed')).toBe(true)
    expect(queue.stats.completedToday).toBe(1)
  })

  it('computes "other active workflows" for a completed workflow from all of the CSM\'s active ones', async () => {
    const c = await core()
    const done = await c.workflows.context(demoUser('csm-456'), 'wf-20005')
    expect(done.workflow.status).toBe('completed')
    expect(done.workflow.priorityFactors.otherActiveWorkflows).toBe(6)
    expect(done.workflow.currentStep).toBeNull()
    expect(done.workflow.estimatedCompletion).toBe(done.workflow.completedAt)
  })
})

describe('Workflows: times the client sends', () => {
  const sarah = demoUser('csm-456')
  const step = { duration: 60, outputs: { decision: 'proceed' } }
  const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString()

  it('keeps a completion from days ago (an offline desk), and one a little ahead of the real time', async () => {
    const c = await core()
    await c.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456', startedAt: '2025-10-01T09:00:00Z' })
    const early = { ...step, completedAt: '2025-10-03T09:00:00Z' }
    expect((await c.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', early)).success).toBe(true)
    const skewed = { ...step, outputs: { decision: 'healthy' }, completedAt: minutesFromNow(4) }
    expect((await c.workflows.completeStep(sarah, 'wf-12345', 'review-health-indicators', skewed)).success).toBe(true)
  })

  it('refuses a time more than 5 minutes ahead of the real time, or before the start, changing nothing', async () => {
    const c = await core()
    expect(
      (await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456', startedAt: minutesFromNow(10) })).body,
    ).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { fields: { startedAt: expect.any(String) } } } })
    await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456', startedAt: '2025-10-01T09:00:00Z' })
    const ahead = await post(c, '/workflows/wf-12345/steps/analyze-arr-performance/complete', {
      ...step,
      completedAt: minutesFromNow(6),
    })
    expect(ahead.status).toBe(400)
    expect(ahead.body.error.details.fields.completedAt).toMatch(/5 minutes in the future/)
    const before = await post(c, '/workflows/wf-12345/complete', {
      totalDuration: 60,
      status: 'success',
      completedAt: '2025-09-30T09:00:00Z',
    })
    expect(before.status).toBe(400)
    expect(before.body.error.details.fields.completedAt).toMatch(/before the workflow started/)
    expect(c.store.stepResults('wf-12345')).toEqual([])
    expect(c.store.workflow('wf-12345')!.status).toBe('in_progress')
  })
})
