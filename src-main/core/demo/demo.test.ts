import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { STAGES } from '../domain/stages'
import { SqliteDb } from '../store/sqlite-db'
import { Store } from '../store/store'
import { Workflows } from '../workflows'
import { contractClock, demoUser, shippedCatalog, tempDbPath } from '../testing'
import { DEMO_CSMS, seedDemo } from './demo'

async function seeded(clock = contractClock) {
  const db = new SqliteDb(new Store(tempDbPath()))
  await seedDemo(db, clock)
  return { store: db.store, workflows: new Workflows(db, clock, shippedCatalog()) }
}

describe('demo book of business', () => {
  it('fills an empty database once and leaves one with data as it is', async () => {
    const db = new SqliteDb(new Store(tempDbPath()))
    expect(await seedDemo(db, contractClock)).toBe(true)
    const count = () => db.store.db.prepare('SELECT count(*) AS n FROM workflows').get()
    const before = count()
    expect(await seedDemo(db, contractClock)).toBe(false)
    expect(count()).toEqual(before)
  })

  it('has at least 3 CSMs of different experience and the admin', () => {
    const csms = DEMO_CSMS.filter((c) => c.role === 'csm')
    expect(new Set(csms.map((c) => c.experience)).size).toBeGreaterThanOrEqual(3)
    expect(DEMO_CSMS.find((c) => c.id === 'admin-1')?.role).toBe('admin')
  })

  it('has at least 60 workflows across all nine stages, some in progress and one completed today', async () => {
    const { store, workflows } = await seeded()
    const total = store.db.prepare('SELECT count(*) AS n FROM workflows').get() as { n: number }
    expect(total.n).toBeGreaterThanOrEqual(60)
    const admin = demoUser('admin-1')
    const stages = new Set<string>()
    for (const csm of DEMO_CSMS.filter((c) => c.role === 'csm')) {
      for (const item of (await workflows.queue(admin, csm.id)).workflows) stages.add(item.workflow.stage)
    }
    expect([...stages].sort()).toEqual([...STAGES].sort())
    const sarah = (await workflows.queue(admin, 'csm-456')).stats
    expect(sarah).toEqual({ totalWorkflows: 7, pending: 4, inProgress: 2, completedToday: 1, snoozed: 0 })
  })

  it('is the same on every machine: the same clock gives the same book', async () => {
    const a = await (await seeded()).workflows.queue(demoUser('admin-1'), 'csm-101')
    const b = await (await seeded()).workflows.queue(demoUser('admin-1'), 'csm-101')
    expect(a).toEqual(b)
  })

  it('moves with the clock: on any day Acme renews in 3 days and scores 287', async () => {
    for (const now of ['2026-11-25T08:00:00Z', '2027-03-01T23:00:00Z']) {
      const { workflows } = await seeded(fixedClock(now))
      const first = (await workflows.queue(demoUser('csm-456'), 'csm-456')).workflows[0]!
      expect(first.id).toBe('wf-12345')
      expect(first.workflow.daysUntilRenewal).toBe(3)
      expect(first.workflow.priorityScore).toBe(287)
    }
  })
})
