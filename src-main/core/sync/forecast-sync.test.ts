import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import { recordRenewal } from '../renewals/outcomes'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

// Sarah forecasts Acme's renewal on her desk, online or not; the team server is where leaders read it.
const sarah = demoUser('csm-456')
const admin = demoUser('admin-1')
const ACME = 'cust-123'

describe("a renewal's forecast on a desk", () => {
  const cores: Core[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close()
  })
  async function setup() {
    const server = await testCore()
    const desk = await testCore()
    cores.push(server, desk)
    const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...sarah, name: 'Sarah Johnson' }, () => 0.5)
    engine.connect(new InProcessRemote(server, signToken(sarah, TEST_SECRET)) as unknown as Remote)
    await engine.sync()
    return { server, desk, engine }
  }
  const forecastOn = async (core: Core) => (await core.workflows.context(sarah, 'wf-12345')).forecast

  it('is set offline, shown at once on the desk, and lands on the server as Sarah set it', async () => {
    const { server, desk, engine } = await setup()
    await desk.workflows.forecasts.set(sarah, ACME, {
      category: 'likely',
      forecastArr: 450_000,
      note: 'Wants a discount',
    })
    expect(await forecastOn(desk)).toMatchObject({ category: 'likely', forecastArr: 450_000 })
    expect(desk.store.outbox().map((e) => e.kind)).toEqual(['set-forecast'])
    expect(await forecastOn(server)).toMatchObject({ category: 'unset', forecastArr: 500_000 })

    expect(await engine.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(await forecastOn(server)).toMatchObject({
      category: 'likely',
      forecastArr: 450_000,
      note: 'Wants a discount',
      updatedBy: { id: 'csm-456', name: 'Sarah Johnson' },
      suggested: false,
    })
    // What the server holds now comes back to the desk unchanged.
    expect(await forecastOn(desk)).toEqual(await forecastOn(server))
  })

  it("keeps Sarah's later change over an admin's earlier one, and takes the admin's when she has none waiting", async () => {
    const { server, desk, engine } = await setup()
    await server.workflows.forecasts.set(admin, ACME, { category: 'at-risk' })
    await desk.workflows.forecasts.set(sarah, ACME, { category: 'commit' })
    await engine.sync()
    expect((await forecastOn(server))!.category).toBe('commit')
    await server.workflows.forecasts.set(admin, ACME, { category: 'lost', note: 'Budget cut' })
    await engine.sync()
    expect(await forecastOn(desk)).toMatchObject({ category: 'lost', note: 'Budget cut' })
  })

  it('takes a suggestion from a step decided "signed", unless Sarah chose a category herself', async () => {
    const { server, desk, engine } = await setup()
    await desk.workflows.start(sarah, 'wf-12345', { csmId: sarah.id })
    const steps = [
      ['analyze-arr-performance', 'proceed'],
      ['review-health-indicators', 'healthy'],
      ['executive-outreach', 'call-booked'],
      ['secure-commitment', 'signed'],
    ] as const
    for (const [stepId, decision] of steps) {
      await desk.workflows.completeStep(sarah, 'wf-12345', stepId, {
        duration: 60,
        outputs: { decision, notes: 'Signed on the call' },
      })
    }
    expect(await forecastOn(desk)).toMatchObject({ category: 'commit', suggested: true })
    await engine.sync()
    expect(await forecastOn(server)).toMatchObject({ category: 'commit', suggested: true })

    // A category someone chose stays whatever a later decision suggests.
    await server.workflows.forecasts.set(sarah, ACME, { category: 'likely' })
    await server.db.write(async (tx) => {
      const customer = (await tx.customer(ACME))!
      await server.workflows.forecasts.suggest(tx, sarah, customer, 'lost', new Date().toISOString())
    })
    expect(await forecastOn(server)).toMatchObject({ category: 'likely', suggested: false })
  })

  it('is refused, and kept in view, when the renewal it was for closed on the server meanwhile', async () => {
    const { server, desk, engine } = await setup()
    await desk.workflows.forecasts.set(sarah, ACME, { category: 'commit' })
    await server.db.write((tx) =>
      recordRenewal(
        tx,
        admin,
        ACME,
        { result: 'renewed', arrAfter: 550_000 },
        { business: new Date(), wall: new Date() },
      ),
    )
    const status = await engine.sync()
    expect(status).toMatchObject({ pending: 0, rejected: 1 })
    const [entry] = desk.store.outbox()
    expect(entry).toMatchObject({ kind: 'set-forecast', status: 'rejected' })
    expect(entry!.last_error).toContain('RENEWAL_CLOSED')
  })
})
