import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenFor } from '../core/testing'
import { freshDatabase } from '../core/testing-engines'
import type { Host } from './host'
import { startTestHost } from './testing'

// Two team-server instances on one PostgreSQL database, answering real concurrent requests.
const sarah = tokenFor('csm-456')
let a: Host
let b: Host

beforeAll(async () => {
  const dbPath = await freshDatabase('postgres')
  const options = { dbPath, logError: (error: unknown) => console.error(error) }
  a = await startTestHost(options)
  b = await startTestHost(options)
})
afterAll(async () => {
  await a.close()
  await b.close()
})

async function post(host: Host, path: string, body: unknown, key?: string, token = sarah) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  if (key) headers['idempotency-key'] = key
  const response = await fetch(`${host.url}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as any }
}

const step = (decision: string, notes: string) => ({ duration: 60, outputs: { decision, notes } })
const STEP1 = '/workflows/wf-12345/steps/analyze-arr-performance/complete'

describe('two server instances on one PostgreSQL database', () => {
  it('let exactly one of two devices complete the same step, and tell the other what was recorded', async () => {
    expect((await post(a, '/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    const answers = await Promise.all([
      post(a, STEP1, step('proceed', 'From the laptop')),
      post(b, STEP1, step('escalate', 'From the desktop')),
    ])
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
    const winner = answers.find((r) => r.status === 200)!
    const loser = answers.find((r) => r.status === 409)!
    expect(loser.body.error.code).toBe('STEP_ALREADY_COMPLETED')
    const recorded = await a.core.db.read((tx) => tx.stepResults('wf-12345'))
    expect(recorded).toHaveLength(1)
    expect(loser.body.error.details.outputs).toEqual(JSON.parse(recorded[0]!.outputs_json))
    expect(winner.body.workflow.completedSteps).toEqual(['analyze-arr-performance'])
  })

  it('never complete a workflow that a racing start has not started, and never both or neither', async () => {
    const pending = (await a.core.db.read((tx) => tx.activeQueue('csm-456'))).filter((r) => r.status === 'pending')
    expect(pending.length).toBeGreaterThanOrEqual(3)
    for (const { id } of pending) {
      const [started, completed] = await Promise.all([
        post(a, `/workflows/${id}/start`, { csmId: 'csm-456' }),
        post(b, `/workflows/${id}/complete`, { totalDuration: 60, status: 'success' }),
      ])
      expect(started.status).toBe(200)
      expect([200, 409]).toContain(completed.status)
      const wf = (await a.core.db.read((tx) => tx.workflow(id)))!
      expect(wf.started_at).not.toBeNull()
      expect(wf.status).toBe(completed.status === 200 ? 'completed' : 'in_progress')
      if (completed.status === 409) expect(completed.body.error.code).toBe('WORKFLOW_NOT_STARTED')
    }
  })

  it('apply an Idempotency-Key once across instances: the same answer for both, one effect', async () => {
    const body = step('healthy', 'Sent twice by a flaky network')
    const path = '/workflows/wf-12345/steps/review-health-indicators/complete'
    const answers = await Promise.all([post(a, path, body, 'key-across-0001'), post(b, path, body, 'key-across-0001')])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    expect(answers[0]!.body).toEqual(answers[1]!.body)
    expect(await a.core.db.read((tx) => tx.stepResults('wf-12345'))).toHaveLength(2)
  })

  it('lose and double nothing under 40 concurrent changes spread over both instances', async () => {
    const marcus = tokenFor('csm-101')
    const send = (host: Host, id: string, n: number) =>
      fetch(`${host.url}/api/workflows/${id}/start`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${marcus}`,
          'content-type': 'application/json',
          'idempotency-key': `key-load-${id}`,
        },
        body: JSON.stringify({ csmId: 'csm-101' }),
      }).then((r) => ({ id, n, status: r.status }))
    const pending = (await a.core.db.read((tx) => tx.activeQueue('csm-101'))).filter((r) => r.status === 'pending')
    const results = await Promise.all(
      pending.flatMap((row, n) => [send(a, row.id, n), send(b, row.id, n), send(n % 2 ? a : b, row.id, n)]),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    const after = await a.core.db.read((tx) => tx.activeQueue('csm-101'))
    expect(after.filter((r) => pending.some((p) => p.id === r.id)).map((r) => r.status)).toEqual(
      pending.map(() => 'in_progress'),
    )
    expect(pending.length).toBeGreaterThan(3)
  })

  it('let a reassignment and the CSM completing a step race cleanly: the step lands before the move, or is refused after it', async () => {
    const priya = tokenFor('csm-202')
    const pending = (await a.core.db.read((tx) => tx.activeQueue('csm-202'))).filter((r) => r.status === 'pending')
    expect(pending.length).toBeGreaterThanOrEqual(4)
    for (const { id } of pending.slice(0, 4)) {
      expect((await post(a, `/workflows/${id}/start`, { csmId: 'csm-202' }, undefined, priya)).status).toBe(200)
      const context = await a.core.workflows.context({ id: 'csm-202', email: 'priya@company.com', role: 'csm' }, id)
      const current = context.workflow.currentStep!
      const stepDef = context.workflow.steps.find((s) => s.id === current.id)!
      const [stepAnswer, moveAnswer] = await Promise.all([
        post(
          a,
          `/workflows/${id}/steps/${current.id}/complete`,
          step(stepDef.outputs.decision.options[0]!.value, 'n'),
          undefined,
          priya,
        ),
        post(
          b,
          '/admin/workflows/reassign',
          { workflowIds: [id], toCsmId: 'csm-101', reason: 'Race' },
          undefined,
          tokenFor('admin-1'),
        ),
      ])
      expect(moveAnswer.status).toBe(200)
      expect([200, 403]).toContain(stepAnswer.status)
      const wf = await a.core.db.read((tx) => tx.workflow(id))
      const results = await a.core.db.read((tx) => tx.stepResults(id))
      expect(wf!.assigned_to).toBe('csm-101')
      // Nothing half-applied: a step answered 200 is recorded (and moved with the workflow); a 403 recorded nothing.
      expect(results).toHaveLength(stepAnswer.status === 200 ? 1 : 0)
    }
  })
})
