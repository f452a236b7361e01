import { describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { CONTRACT_NOW, TEST_SECRET, demoUser, testCore } from '../testing'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

// A desk works offline while the team server decides things about the same workflow.
let serverNow = new Date(CONTRACT_NOW)

async function setup(userId = 'csm-456', now?: () => Date) {
  const user = demoUser(userId)
  serverNow = new Date(CONTRACT_NOW)
  const server: Core = await testCore(now ? { clock: { now } } : {})
  const desk: Core = await testCore()
  const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...user, name: user.email }, () => 0.5)
  const remote = new InProcessRemote(server, signToken(user, TEST_SECRET))
  engine.connect(remote as unknown as Remote)
  return { user, server, desk, engine, remote }
}
const step = (decision: string, notes: string) => ({ duration: 60, outputs: { decision, notes } })

describe('offline work and the server’s decisions meanwhile', () => {
  it('lands a start and its steps as recorded when the planner retyped the workflow meanwhile', async () => {
    const { user, server, desk, engine } = await setup()
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', step('proceed', 'Offline notes'))
    // Overnight the renewal crosses a stage boundary: the server's planner retypes the pending workflow.
    await server.db.write((tx) => tx.retypeWorkflows([{ id: 'wf-12345', type: 'overdue-renewal' }]))

    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(server.store.workflow('wf-12345')).toMatchObject({ type: 'emergency-renewal', status: 'in_progress' })
    expect(server.store.stepResults('wf-12345').map((r) => r.step_id)).toEqual(['analyze-arr-performance'])
    expect(desk.store.workflow('wf-12345')!.type).toBe('emergency-renewal')
  })

  it('keeps the retype of a workflow someone already acted on: the start names its type and is refused as usual', async () => {
    const { user, server, desk, engine } = await setup()
    await server.db.write((tx) => tx.retypeWorkflows([{ id: 'wf-12345', type: 'overdue-renewal' }]))
    await server.workflows.start(user, 'wf-12345', { csmId: user.id, startedAt: '2025-12-28T09:00:00Z' })
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    expect(await engine.sync()).toMatchObject({ rejected: 1 })
    expect(server.store.workflow('wf-12345')!.type).toBe('overdue-renewal')
  })

  it('lands a snooze whose day passed while offline as nothing, holding none of the later changes', async () => {
    const { user, server, desk, engine } = await setup('csm-456', () => serverNow)
    await desk.workflows.snooze(user, 'wf-67890', { until: '2025-12-30', reason: 'Back after the holidays' })
    await desk.workflows.start(user, 'wf-67890', { csmId: user.id })
    // The desk comes back on January 2nd: the snooze's day has passed on the server.
    serverNow = new Date('2026-01-02T09:00:00.000Z')
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(server.store.workflow('wf-67890')).toMatchObject({ status: 'in_progress', snoozed_until: null })
    // A snooze sent without the time it was made is still checked against today.
    const answer = await server.api.fetch(
      new Request('http://server/api/workflows/wf-12345/snooze', {
        method: 'POST',
        headers: { authorization: `Bearer ${signToken(user, TEST_SECRET)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ until: '2025-12-30' }),
      }),
    )
    expect(answer.status).toBe(400)
  })
})

describe('next actions of a refused step', () => {
  it('stay in Tasks with their step, across pulls, until the step lands or is discarded', async () => {
    const { user, desk, engine, remote } = await setup()
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', {
      duration: 60,
      outputs: { decision: 'proceed', nextActions: [{ type: 'call', description: 'Call the CFO' }] },
    })
    remote.fault = (_method, path) =>
      path.endsWith('/complete')
        ? { status: 403, body: { success: false, error: { code: 'FORBIDDEN', message: 'Not now', details: {} } } }
        : undefined
    expect(await engine.sync()).toMatchObject({ rejected: 1 })
    expect(await engine.sync()).toMatchObject({ rejected: 1 })
    const open = (await desk.tasks.list(user, 'open')).tasks.map((t) => t.description)
    expect(open).toContain('Call the CFO')
    remote.fault = () => undefined
    engine.retry(engine.outbox()[0]!.id)
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect((await desk.tasks.list(user, 'open')).tasks.map((t) => t.description)).toContain('Call the CFO')
  })
})

describe('one CSM on two desks', () => {
  it('completes only the task the desk saw: another device’s task under the same id is a visible 409', async () => {
    const { user, server, desk: a, engine: syncA } = await setup()
    const b = await testCore()
    const syncB = new SyncEngine(b.db as SqliteDb, b.workflows, { ...user, name: user.email }, () => 0.5)
    syncB.connect(new InProcessRemote(server, signToken(user, TEST_SECRET)) as unknown as Remote)
    const withAction = (description: string) => ({
      duration: 60,
      outputs: { decision: 'proceed', nextActions: [{ type: 'call' as const, description }] },
    })
    await a.workflows.start(user, 'wf-12345', { csmId: user.id })
    await a.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', withAction('Call the CFO'))
    await b.workflows.start(user, 'wf-12345', { csmId: user.id, startedAt: '2025-12-28T13:00:00.000Z' })
    await b.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', withAction('Email the champion'))
    const [mine] = (await b.tasks.list(user, 'open')).tasks
    await b.tasks.mark(user, mine!.id, true, {})

    expect(await syncA.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const status = await syncB.sync()
    expect(status.rejected).toBeGreaterThanOrEqual(2) // the start and the task, each visible
    const refusedTask = syncB.outbox().find((e) => e.kind === 'complete-task')!
    expect(refusedTask).toMatchObject({ status: 'rejected', lastError: expect.stringMatching(/^TASK_CHANGED/) })
    const onServer = (await server.tasks.list(user, null)).tasks.find((t) => t.id === mine!.id)!
    expect(onServer).toMatchObject({ description: 'Call the CFO', status: 'open' })
    await b.close()
  })
})
