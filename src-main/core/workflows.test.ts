import { describe, expect, it } from 'vitest'
import { createCore } from './index'
import { TEMPLATES_DIR, TEST_SECRET, contractClock, demoUser, tempDbPath, tokenFor } from './testing'
import type { Store } from './store/store'

function core() {
  return createCore({
    templatesDir: TEMPLATES_DIR,
    dbPath: tempDbPath(),
    jwtSecret: TEST_SECRET,
    clock: contractClock,
    demo: true,
    logError: () => {},
  })
}

async function post(c: ReturnType<typeof core>, path: string, body: unknown) {
  const response = await c.api.fetch(
    new Request(`http://desk.local/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('csm-456')}` },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: (await response.json()) as any }
}

function breakAfter<K extends keyof Store>(store: Store, method: K): void {
  const original = store[method] as (...args: unknown[]) => unknown
  ;(store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    original.apply(store, args)
    throw new Error('disk full')
  }
}

describe('Workflows: one change, one transaction', () => {
  it('leaves nothing half-written when completing a workflow fails mid-way, and answers 500 in the contract format', async () => {
    const c = core()
    await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456' })
    const before = c.workflows.context(demoUser('csm-456'), 'wf-12345')
    // The remaining steps are written as skipped first; then marking the workflow completed fails.
    breakAfter(c.store, 'markCompleted')
    const result = await post(c, '/workflows/wf-12345/complete', { totalDuration: 60, status: 'success' })
    expect(result.status).toBe(500)
    expect(result.body).toEqual({
      success: false,
      error: { code: 'SERVER_ERROR', message: expect.stringMatching(/nothing was changed/), details: {} },
    })
    expect(c.workflows.context(demoUser('csm-456'), 'wf-12345')).toEqual(before)
    expect(c.store.stepResults('wf-12345')).toEqual([])
  })

  it('leaves nothing half-written when recording a step fails', async () => {
    const c = core()
    await post(c, '/workflows/wf-12345/start', { csmId: 'csm-456' })
    breakAfter(c.store, 'insertStepResult')
    const result = await post(c, '/workflows/wf-12345/steps/analyze-arr-performance/complete', {
      duration: 60,
      outputs: { decision: 'proceed' },
    })
    expect(result.status).toBe(500)
    expect(c.store.stepResults('wf-12345')).toEqual([])
  })

  it('keeps completed workflows out of the queue but counts the ones finished today', () => {
    const c = core()
    const queue = c.workflows.queue(demoUser('csm-456'), 'csm-456')
    expect(queue.workflows.every((w) => w.workflow.status !== 'completed')).toBe(true)
    expect(queue.stats.completedToday).toBe(1)
  })

  it('computes "other active workflows" for a completed workflow from all of the CSM\'s active ones', () => {
    const c = core()
    const done = c.workflows.context(demoUser('csm-456'), 'wf-20005')
    expect(done.workflow.status).toBe('completed')
    expect(done.workflow.priorityFactors.otherActiveWorkflows).toBe(6)
    expect(done.workflow.currentStep).toBeNull()
    expect(done.workflow.estimatedCompletion).toBe(done.workflow.completedAt)
  })
})
