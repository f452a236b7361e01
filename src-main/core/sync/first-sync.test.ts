import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import { ENGINES, engineCore } from '../testing-engines'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

const sarah = demoUser('csm-456')

describe.each(ENGINES)('a new desk’s first sync (%s)', (engine) => {
  let server: Core
  let desk: Core
  afterEach(async () => {
    await desk?.close()
    await server?.close()
  })
  const connect = (remote: InProcessRemote) => {
    const sync = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...sarah, name: 'Sarah Johnson' }, () => 0.5)
    sync.connect(remote as unknown as Remote)
    return sync
  }

  it('reads the whole book in one answer, the workflows she snoozed included', async () => {
    server = await engineCore(engine)
    const queue = await server.workflows.queue(sarah, 'csm-456')
    // One whose renewal is weeks away: it sleeps till its day (a near renewal never does).
    const asleep = queue.workflows.find((w) => w.workflow.daysUntilRenewal > 30)!.id
    await server.workflows.snooze(sarah, asleep, { until: '2026-01-20', reason: 'Customer on holiday' })
    desk = await testCore({ demo: false })
    const remote = new InProcessRemote(server, signToken(sarah, TEST_SECRET))
    const asked: string[] = []
    remote.fault = (method, path) => {
      asked.push(`${method} ${path}`)
      return undefined
    }
    expect(await connect(remote).sync()).toMatchObject({ lastError: null, pending: 0 })
    expect(asked.filter((a) => a.includes('/workflows/'))).toEqual(['GET /workflows/book'])
    const here = await desk.workflows.queue(sarah, 'csm-456')
    expect(here.workflows.map((w) => w.id)).toEqual(queue.workflows.filter((w) => w.id !== asleep).map((w) => w.id))
    expect(here.snoozed.map((w) => w.id)).toEqual([asleep])
  })

  it('shows each workflow as the server does, though the book sends only what each step recorded', async () => {
    server = await engineCore(engine)
    await server.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    await server.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', {
      duration: 60,
      outputs: { decision: 'proceed', notes: 'ARR is up 12%' },
    })
    desk = await testCore({ demo: false })
    const remote = new InProcessRemote(server, signToken(sarah, TEST_SECRET))
    let book: { contexts: { workflow: { id: string; steps: object[] } }[] } | undefined
    remote.fault = async (method, path) => {
      if (path !== '/workflows/book') return undefined
      remote.fault = () => undefined
      book = (await remote.request(method as 'GET', path)).body as typeof book
      return { status: 200, body: book }
    }
    expect(await connect(remote).sync()).toMatchObject({ lastError: null, pending: 0 })
    const sent = book!.contexts.find((c) => c.workflow.id === 'wf-12345')!.workflow.steps
    expect(Object.keys(sent[0]!).sort()).toEqual(['id', 'result'])
    const there = await server.workflows.context(sarah, 'wf-12345')
    const here = await desk.workflows.context(sarah, 'wf-12345')
    expect(here.workflow.steps).toEqual(there.workflow.steps)
    expect(here.workflow.steps[0]).toMatchObject({ name: 'Analyze ARR Performance', state: 'done' })
    expect(here.workflow.currentStep).toEqual(there.workflow.currentStep)
  })

  it('reads the queue and then the contexts from a team server of before the book', async () => {
    server = await engineCore(engine)
    desk = await testCore({ demo: false })
    const remote = new InProcessRemote(server, signToken(sarah, TEST_SECRET))
    const asked: string[] = []
    remote.fault = (method, path) => {
      asked.push(`${method} ${path}`)
      return path === '/workflows/book'
        ? { status: 404, body: { success: false, error: { code: 'NOT_FOUND', message: 'Not found' } } }
        : undefined
    }
    expect(await connect(remote).sync()).toMatchObject({ lastError: null, pending: 0 })
    expect(asked.filter((a) => a.includes('/workflows/'))).toEqual([
      'GET /workflows/book',
      'GET /workflows/queue/csm-456',
      'POST /workflows/contexts',
    ])
    const there = (await server.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)
    expect((await desk.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)).toEqual(there)
  })

  it('keeps what the desk has when the book comes back cut short, and says so', async () => {
    server = await engineCore(engine)
    desk = await testCore()
    const before = (await desk.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)
    const remote = new InProcessRemote(server, signToken(sarah, TEST_SECRET))
    // A proxy that ends the answer early: status 200, no JSON.
    remote.fault = (_method, path) => (path === '/workflows/book' ? { status: 200, body: undefined } : undefined)
    const status = await connect(remote).sync()
    expect(status.lastError).toMatch(/cut short/)
    expect((await desk.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)).toEqual(before)
  })
})
