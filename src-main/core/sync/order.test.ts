import { describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import type { SqliteDb } from '../store/sqlite-db'
import { SyncEngine } from './engine'
import type { Remote, RemoteAnswer } from './remote'
import { InProcessRemote } from './testing'

const core = (): Promise<Core> => testCore()

async function setup(userId = 'csm-456') {
  const user = demoUser(userId)
  const server = await core()
  const desk = await core()
  const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...user, name: user.email }, () => 0.5)
  const remote = new InProcessRemote(server, signToken(user, TEST_SECRET))
  engine.connect(remote as unknown as Remote)
  return { user, server, desk, engine, remote }
}

const forbidden = (): RemoteAnswer => ({
  status: 403,
  body: { success: false, error: { code: 'FORBIDDEN', message: 'Not allowed today', details: {} } },
})
const step = (decision: string, notes = 'notes') => ({ duration: 60, outputs: { decision, notes } })
const STEP1 = '/workflows/wf-12345/steps/analyze-arr-performance/complete'

/** Offline on the desk: start wf-12345, steps 1 and 2, then complete the workflow. */
async function workOffline(desk: Core, user: ReturnType<typeof demoUser>, decision = 'proceed') {
  await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
  await desk.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', step(decision, 'Step one, my way'))
  await desk.workflows.completeStep(user, 'wf-12345', 'review-health-indicators', step('healthy', 'Step two'))
  await desk.workflows.completeWorkflow(user, 'wf-12345', { totalDuration: 600, status: 'success' })
}

describe('sync keeps each workflow in the order the CSM worked it', () => {
  it('holds the later entries of a workflow behind a rejected one, and a retry sends them in order', async () => {
    const { user, server, desk, engine, remote } = await setup()
    await workOffline(desk, user)
    remote.fault = (method, path) => (path === STEP1 ? forbidden() : undefined)
    const status = await engine.sync()
    expect(status).toMatchObject({ pending: 2, rejected: 1, held: 2 })
    expect(remote.sent).toEqual(['/workflows/wf-12345/start', STEP1])
    expect(server.store.workflow('wf-12345')!.status).toBe('in_progress')
    expect(server.store.stepResults('wf-12345')).toEqual([])
    const outbox = engine.outbox()
    expect(outbox.map((e) => [e.kind, e.status, e.heldBy])).toEqual([
      ['complete-step', 'rejected', null],
      ['complete-step', 'pending', outbox[0]!.id],
      ['complete-workflow', 'pending', outbox[0]!.id],
    ])

    remote.fault = () => undefined
    expect(engine.retry(outbox[0]!.id)).toBe(true)
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0, held: 0 })
    expect(server.store.stepResults('wf-12345').map((r) => [r.step_id, r.status])).toEqual([
      ['analyze-arr-performance', 'completed'],
      ['review-health-indicators', 'completed'],
      ['executive-outreach', 'skipped'],
      ['secure-commitment', 'skipped'],
    ])
    expect(JSON.parse(server.store.stepResults('wf-12345')[0]!.outputs_json)).toMatchObject({
      notes: 'Step one, my way',
    })
  })

  it("never lands a later step on another device's different step", async () => {
    const { user, server, desk, engine } = await setup()
    await server.workflows.start(user, 'wf-12345', { csmId: user.id, startedAt: '2025-12-28T09:00:00Z' })
    await server.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', step('escalate', 'Other device'))
    await workOffline(desk, user, 'proceed')
    expect(await engine.sync()).toMatchObject({ rejected: 1, held: 3 })
    expect(server.store.workflow('wf-12345')!.status).toBe('in_progress')
    expect(server.store.stepResults('wf-12345').map((r) => r.step_id)).toEqual(['analyze-arr-performance'])
    // The rejected start is dropped and the rest released: step one meets the other device's escalate.
    const [start] = engine.outbox()
    expect(engine.discard(start!.id)).toEqual({ done: false, reason: 'held', held: expect.any(Array) })
    expect(engine.discard(start!.id, 'release')).toEqual({ done: true })
    expect(await engine.sync()).toMatchObject({ rejected: 1, held: 2 })
    expect(engine.outbox()[0]).toMatchObject({
      kind: 'complete-step',
      rejection: { error: { code: 'STEP_ALREADY_COMPLETED' } },
    })
    expect(server.store.stepResults('wf-12345').map((r) => r.step_id)).toEqual(['analyze-arr-performance'])
    // Discarding with its held entries clears the workflow's outbox, and the desk shows the server's state.
    expect(engine.discard(engine.outbox()[0]!.id, 'discard')).toEqual({ done: true })
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0, held: 0 })
    expect((await desk.workflows.context(user, 'wf-12345')).workflow.steps[0]!.result!.outputs).toMatchObject({
      decision: 'escalate',
    })
  })

  it('lets other workflows go on while one waits on 5xx answers, and flags it after 10 tries', async () => {
    const { user, server, desk, engine } = await setup()
    const remote = (engine as unknown as { remote: InProcessRemote }).remote
    remote.fault = (method, path) =>
      method === 'POST' && path.startsWith('/workflows/wf-12345/') ? { status: 503, body: undefined } : undefined
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.start(user, 'wf-67890', { csmId: user.id })
    let status = await engine.sync()
    expect(status).toMatchObject({ online: true, pending: 1, stuck: 0, lastError: expect.stringMatching(/503/) })
    expect(server.store.workflow('wf-67890')!.status).toBe('in_progress')
    for (let i = 0; i < 9; i++) status = await engine.sync()
    expect(status).toMatchObject({ pending: 1, stuck: 1 })
    expect(engine.outbox()[0]).toMatchObject({ workflowId: 'wf-12345', attempts: 10, stuck: true })
  })

  it('answers a 4xx that is not JSON (a proxy page) by its status code, and goes on', async () => {
    const { user, desk, engine, remote } = await setup()
    remote.fault = (method, path) =>
      path === '/workflows/wf-12345/start' ? { status: 413, body: undefined } : undefined
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.start(user, 'wf-67890', { csmId: user.id })
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 1, lastError: null })
    expect(engine.outbox()[0]).toMatchObject({ status: 'rejected', lastError: expect.stringMatching(/^HTTP 413/) })
  })

  it('counts a 401 as a try', async () => {
    const { user, desk, engine, remote } = await setup()
    remote.fault = () => ({ status: 401, body: { success: false, error: { code: 'UNAUTHORIZED', message: '' } } })
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    expect(await engine.sync()).toMatchObject({ needsSignIn: true, pending: 1 })
    expect(engine.outbox()[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/401/) })
  })

  it('ends a run quietly when the CSM signs out in the middle of it', async () => {
    const { user, desk, engine, remote } = await setup()
    let release: () => void = () => {}
    remote.fault = () => new Promise<undefined>((done) => (release = () => done(undefined)))
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    const run = engine.sync()
    await new Promise((done) => setTimeout(done, 0))
    engine.signOut()
    release()
    const status = await run
    expect(status).toMatchObject({ needsSignIn: true, pending: 1, lastError: null })
    expect(engine.outbox()[0]).toMatchObject({ attempts: 0, lastError: null })
  })
})

describe('an admin desk', () => {
  it('drops a workflow the server reassigned to someone else', async () => {
    const { user, server, desk, engine } = await setup('admin-1')
    for (const c of [server, desk]) c.store.upsertWorkflow({ ...c.store.workflow('wf-12345')!, assigned_to: user.id })
    await engine.sync()
    expect(desk.store.activeWorkflowIds(user.id)).toContain('wf-12345')
    server.store.upsertWorkflow({ ...server.store.workflow('wf-12345')!, assigned_to: 'csm-456' })
    expect(await engine.sync()).toMatchObject({ lastError: null })
    expect(desk.store.activeWorkflowIds(user.id)).not.toContain('wf-12345')
  })
})

describe('tasks sync like every change', () => {
  it('lands a next action done offline and a task added offline exactly once, even when an answer is lost', async () => {
    const { user, server, desk, engine, remote } = await setup()
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', {
      duration: 60,
      outputs: {
        decision: 'proceed',
        nextActions: [{ type: 'task', description: 'Call the CFO', dueDate: '2026-01-05' }],
      },
    })
    await desk.workflows.tasks.mark(user, 'wf-12345.analyze-arr-performance.0', true, {})
    const added = await desk.workflows.tasks.create(user, { customerId: 'cust-123', description: 'Send the QBR deck' })
    // The first answer to the new task is lost on the way back: the desk sends it again.
    let lost = false
    remote.fault = async (method, path) => {
      if (path === '/tasks' && method === 'POST' && !lost) {
        lost = true
        await remote.request('POST', path, {
          body: JSON.parse(desk.store.outbox().find((e) => e.kind === 'create-task')!.body_json),
          idempotencyKey: desk.store.outbox().find((e) => e.kind === 'create-task')!.id,
        })
        return { status: 502, body: undefined }
      }
      return undefined
    }
    await engine.sync()
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const onServer = await server.db.read((tx) => tx.tasksOf(user.id, null))
    expect(onServer.map((t) => [t.description, t.status])).toEqual(
      expect.arrayContaining([
        ['Call the CFO', 'done'],
        ['Send the QBR deck', 'open'],
      ]),
    )
    expect(onServer.filter((t) => t.description === 'Send the QBR deck')).toHaveLength(1)
    expect(onServer.find((t) => t.description === 'Send the QBR deck')!.id).toBe(added.task.id)
    // And the desk shows what the server has.
    expect((await desk.workflows.tasks.list(user, undefined)).tasks.map((t) => [t.id, t.status]).sort()).toEqual(
      onServer.map((t) => [t.id, t.status]).sort(),
    )
  })
})

describe('snoozes sync like every change', () => {
  it('lands a snooze made offline on the server once, and the desk keeps it asleep after the pull', async () => {
    const { user, server, desk, engine } = await setup()
    await desk.workflows.snooze(user, 'wf-67890', { until: '2026-01-03', reason: 'Back after the holidays' })
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(await server.db.read((tx) => tx.workflow('wf-67890'))).toMatchObject({
      snoozed_until: '2026-01-03',
      snooze_reason: 'Back after the holidays',
    })
    const queue = await desk.workflows.queue(user, user.id)
    expect(queue.snoozed.map((w) => w.id)).toEqual(['wf-67890'])
    expect(queue.workflows.map((w) => w.id)).not.toContain('wf-67890')
  })
})
