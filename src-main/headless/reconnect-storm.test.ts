import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import type { Core } from '../core/index'
import { DEMO_CSMS } from '../core/demo/demo'
import type { SqliteDb } from '../core/store/sqlite-db'
import { SyncEngine } from '../core/sync/engine'
import { Remote } from '../core/sync/remote'
import { TEMPLATES_DIR, TEST_SECRET, contractClock, tempDbPath, testCore } from '../core/testing'
import { startHost, type Host } from './host'

const CSMS = DEMO_CSMS.filter((c) => c.role === 'csm')
const PER_CSM = 4

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const { port } = probe.address() as { port: number }
  await new Promise((done) => probe.close(done))
  return port
}

// After a team server restart, every desk's event stream comes back at once: a storm that must
// queue (503 with Retry-After, jittered reconnects), not collapse, and lose nothing.
describe('the reconnect storm after a team server restarts', () => {
  const cores: Core[] = []
  const engines: SyncEngine[] = []
  let host: Host | null = null
  afterEach(async () => {
    for (const engine of engines) engine.stop()
    // A sync under way finishes before its desk's database closes.
    for (let waited = 0; engines.some((e) => e.status().syncing) && waited < 10_000; waited += 50)
      await new Promise((wait) => setTimeout(wait, 50))
    engines.length = 0
    await host?.close()
    for (const core of cores.splice(0)) await core.close()
  })

  it('brings every desk back online, each offline change landing once, with no server error', async () => {
    const dbPath = tempDbPath()
    const port = await freePort()
    const errors: unknown[] = []
    const serve = () =>
      startHost({
        port,
        host: '127.0.0.1',
        dbPath,
        jwtSecret: TEST_SECRET,
        clock: contractClock,
        demo: true,
        templatesDir: TEMPLATES_DIR,
        rendererDir: join(dirname(dbPath), 'no-renderer'),
        // Room for a few first syncs at once: the storm must queue behind it.
        firstSyncs: { running: 1, waiting: 2, retryAfter: { min: 1, max: 2 } },
        logError: (error) => errors.push(error),
      })
    host = await serve()
    const accountOf = new Map<string, string>()
    for (const csm of CSMS)
      accountOf.set(csm.id, (await host.core.workflows.queue(csm, csm.id)).workflows[0]!.customer.id)

    const desks = await Promise.all(
      CSMS.flatMap((csm) =>
        Array.from({ length: PER_CSM }, async (_, device) => {
          const desk = await testCore()
          cores.push(desk)
          const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, csm, Math.random)
          engines.push(engine)
          engine.connect(new Remote(`http://127.0.0.1:${port}/api`, () => signToken(csm, TEST_SECRET)))
          engine.start(2)
          return { csm, desk, engine, task: `task-${csm.id}-${device}` }
        }),
      ),
    )
    const online = () => desks.every(({ engine }) => engine.status().online && !engine.status().lastError)
    const until = async (done: () => boolean, what: string) => {
      for (let waited = 0; !done(); waited += 100) {
        if (waited > 60_000) throw new Error(`not within a minute: ${what}`)
        await new Promise((wait) => setTimeout(wait, 100))
      }
    }
    await until(online, 'the first syncs')

    // The server goes away; each desk records work offline; the server comes back.
    await host.close()
    host = null
    for (const { csm, desk, task } of desks)
      await desk.tasks.create(csm, { id: task, customerId: accountOf.get(csm.id)!, description: `Call back (${task})` })
    await new Promise((wait) => setTimeout(wait, 1000))
    host = await serve()
    await until(() => online() && desks.every(({ engine }) => engine.status().pending === 0), 'every desk back')

    for (const csm of CSMS) {
      const ids = (await host.core.tasks.list(csm, 'open')).tasks.map((t) => t.id)
      for (let device = 0; device < PER_CSM; device++)
        expect(ids.filter((id) => id === `task-${csm.id}-${device}`)).toHaveLength(1)
    }
    expect(desks.every(({ engine }) => engine.status().rejected === 0)).toBe(true)
    expect(errors).toEqual([])
  }, 90_000)
})
