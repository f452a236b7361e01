import { describe, expect, it } from 'vitest'
import { demoUser, testCore } from '../testing'
import type { SqliteDb } from '../store/sqlite-db'
import { SyncEngine } from './engine'
import type { Remote, RemoteAnswer } from './remote'
import { NetworkError } from './remote'

const sarah = { ...demoUser('csm-456'), name: 'Sarah Johnson' }

/** A team server that answers what the test scripts, and records what it was sent. */
class ScriptedRemote {
  readonly baseUrl = 'http://team.example/api'
  readonly sent: { path: string; key?: string }[] = []
  constructor(private readonly answer: (path: string, n: number) => RemoteAnswer | Error) {}
  async request(_method: string, path: string, options: { idempotencyKey?: string } = {}): Promise<RemoteAnswer> {
    this.sent.push({ path, key: options.idempotencyKey })
    const answer = this.answer(path, this.sent.length)
    if (answer instanceof Error) throw answer
    return answer
  }
}

async function setup(answer: (path: string, n: number) => RemoteAnswer | Error) {
  const core = await testCore()
  const engine = new SyncEngine(core.db as SqliteDb, core.workflows, sarah, () => 0.5)
  const remote = new ScriptedRemote(answer)
  engine.connect(remote as unknown as Remote)
  return { core, engine, remote }
}

const step = { duration: 60, outputs: { decision: 'proceed' } }

describe('SyncEngine', () => {
  it('commits each change together with its outbox entry, or neither', async () => {
    const { core } = await setup(() => new NetworkError('down'))
    await core.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    expect(core.store.outbox().map((e) => e.kind)).toEqual(['start'])
    core.store.addToOutbox = () => {
      throw new Error('disk full')
    }
    await expect(core.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', step)).rejects.toThrow(
      'disk full',
    )
    expect(core.store.stepResults('wf-12345')).toEqual([])
  })

  it('pushes in order with each entry id as its Idempotency-Key, and stops at a network error', async () => {
    const { core, engine, remote } = await setup((path, n) =>
      n === 1 ? { status: 200, body: {} } : new NetworkError('down'),
    )
    await core.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    await core.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', step)
    const ids = core.store.outbox().map((e) => e.id)
    const status = await engine.sync()
    expect(remote.sent).toEqual([
      { path: '/workflows/wf-12345/start', key: ids[0] },
      { path: '/workflows/wf-12345/steps/analyze-arr-performance/complete', key: ids[1] },
    ])
    expect(status).toMatchObject({ online: false, pending: 1, lastError: 'down' })
    expect(core.store.outbox()[0]).toMatchObject({ attempts: 1, last_error: 'down' })
  })

  it('counts a 409 that already has our result as done, keeps other rejections, and goes on', async () => {
    const answers: Record<string, (body: any) => RemoteAnswer> = {
      '/workflows/wf-12345/start': (b) => ({
        status: 409,
        body: {
          success: false,
          error: { code: 'WORKFLOW_ALREADY_STARTED', message: '', details: { startedAt: b.startedAt } },
        },
      }),
      '/workflows/wf-67890/start': () => ({
        status: 403,
        body: { success: false, error: { code: 'FORBIDDEN', message: 'reassigned', details: {} } },
      }),
    }
    const { core, engine } = await setup((path) =>
      answers[path]
        ? answers[path]!(JSON.parse(core.store.outbox().find((e) => e.path === path)!.body_json))
        : new NetworkError('stop'),
    )
    await core.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    await core.workflows.start(sarah, 'wf-67890', { csmId: 'csm-456' })
    await engine.sync()
    expect(engine.outbox()).toEqual([
      expect.objectContaining({
        workflowId: 'wf-67890',
        status: 'rejected',
        lastError: 'FORBIDDEN: reassigned',
        body: { csmId: 'csm-456', startedAt: expect.any(String), type: 'critical-renewal', version: 1 },
      }),
    ])
  })

  it('backs off after a failure, and a 401 waits for sign-in without losing anything', async () => {
    const { core, engine } = await setup(() => ({
      status: 401,
      body: { success: false, error: { code: 'UNAUTHORIZED', message: '', details: {} } },
    }))
    await core.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    expect(await engine.sync()).toMatchObject({ needsSignIn: true, pending: 1 })
    engine.signOut()
    expect(await engine.sync()).toMatchObject({
      needsSignIn: true,
      pending: 1,
      lastError: expect.stringMatching(/Not signed in/),
    })
  })

  it('answers a sync asked for during a run with a run that started after the ask', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((done) => (release = done))
    let calls = 0
    const { core, engine, remote } = await setup(() => new NetworkError('unused'))
    remote.request = async (_method, path) => {
      calls++
      if (calls === 1) {
        await gate
        throw new NetworkError('the old attempt failed')
      }
      if (path === '/workflows/book') return { status: 200, body: { success: true, contexts: [], next: null } }
      if (path === '/workflows/contexts') return { status: 200, body: { success: true, contexts: [], unavailable: [] } }
      if (path === '/tasks') return { status: 200, body: { success: true, tasks: [] } }
      return { status: 200, body: {} }
    }
    await core.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    const first = engine.sync()
    await Promise.resolve()
    const second = engine.sync()
    const third = engine.sync()
    expect(third).toBe(second)
    expect(engine.status().syncing).toBe(true)
    release()
    expect(await first).toMatchObject({ lastError: 'the old attempt failed', pending: 1 })
    expect(await second).toMatchObject({ lastError: null, pending: 0, online: true })
    expect(engine.status().syncing).toBe(false)
  })
})
