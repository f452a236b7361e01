import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

// Monday morning: every desk makes its first sync at once, against a server that admits a few.
const sarah = demoUser('csm-456')
const token = signToken(sarah, TEST_SECRET)

describe('admission of first syncs', () => {
  const cores: Core[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close()
  })
  const core = async (options: Parameters<typeof testCore>[0] = {}) => {
    const made = await testCore(options)
    cores.push(made)
    return made
  }

  it('answers a burst beyond capacity with 503 and a Retry-After, never a timeout or a 500, and serves the rest', async () => {
    const server = await core({ firstSyncs: { running: 1, waiting: 2 } })
    const ids = (await server.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)
    const read = (batch: string[]) =>
      server.api.fetch(
        new Request('http://server/api/workflows/contexts', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ids: batch }),
        }),
      )
    // Twenty first syncs, and among them five pulls after an event (one workflow each).
    const all = await Promise.all(Array.from({ length: 25 }, (_, i) => read(i % 5 === 4 ? ids.slice(0, 1) : ids)))
    const answers = all.filter((_, i) => i % 5 !== 4)
    expect(all.filter((_, i) => i % 5 === 4).map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3)
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true)
    for (const answer of answers.filter((a) => a.status === 503)) {
      const retryAfter = Number(answer.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(5)
      expect(await answer.json()).toMatchObject({ error: { code: 'SERVER_BUSY', details: { retryAfter } } })
    }
  })

  it('has refused desks come back when told, spread out, until every first sync is done, losing nothing', async () => {
    const server = await core({ firstSyncs: { running: 1, waiting: 0, retryAfter: { min: 1, max: 1 } } })
    const desks = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const desk = await core()
        const engine = new SyncEngine(
          desk.db as SqliteDb,
          desk.workflows,
          { ...sarah, name: 'Sarah Johnson' },
          () => i / 5,
        )
        engine.connect(new InProcessRemote(server, token) as unknown as Remote)
        // Each desk holds a change made before its first sync.
        await desk.tasks.create(sarah, {
          customerId: 'cust-123',
          description: `Follow up from desk ${i}`,
          id: `task-desk-${i}`,
        })
        return { desk, engine }
      }),
    )
    const first = await Promise.all(desks.map(({ engine }) => engine.sync()))
    const refused = first.filter((s) => s.lastError?.includes('busy'))
    expect(refused.length).toBeGreaterThan(0)
    // Told to wait 1 s, each waits 1 to 2 s (its own share of the jitter), then tries again.
    let rounds = 0
    while (desks.some(({ engine }) => engine.status().lastError) && rounds++ < 10) {
      await new Promise((done) => setTimeout(done, 1100))
      await Promise.all(
        desks.map(({ engine }) => (engine.status().lastError ? engine.sync() : Promise.resolve(engine.status()))),
      )
    }
    for (const { desk, engine } of desks) {
      expect(engine.status()).toMatchObject({ lastError: null, pending: 0, rejected: 0 })
      expect((await desk.workflows.queue(sarah, 'csm-456')).workflows.length).toBeGreaterThan(0)
    }
    const tasks = (await server.tasks.list(sarah, 'open')).tasks.map((t) => t.id)
    for (let i = 0; i < 5; i++) expect(tasks).toContain(`task-desk-${i}`)
  })
})
