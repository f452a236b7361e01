import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import { engineCore } from '../testing-engines'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'
import { EXAMPLE_MEASURES, weighted } from '../health/testing'

const sarah = demoUser('csm-456')
const admin = demoUser('admin-1')

describe('health scores on a desk', () => {
  const cores: Core[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close()
  })

  it('receive the team’s scorecard through the pull and score exactly as the team server (PostgreSQL) does', async () => {
    const server = await engineCore('postgres')
    const desk = await testCore()
    cores.push(server, desk)
    await server.health.save(admin, {
      measures: [weighted(EXAMPLE_MEASURES.utilization, 45), EXAMPLE_MEASURES.adoption, EXAMPLE_MEASURES.tickets],
      bands: { red: 45, yellow: 75 },
    })
    await server.health.settled()
    const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...sarah, name: 'Sarah Johnson' }, () => 0.5)
    engine.connect(new InProcessRemote(server, signToken(sarah, TEST_SECRET)) as unknown as Remote)
    await engine.sync()
    expect((await desk.health.scorecard()).scorecard.version).toBe(2)

    const scores = async (core: Core) =>
      (await core.workflows.queue(sarah, 'csm-456')).workflows.map((w) => [w.id, w.intelligence.healthScore])
    const onServer = await scores(server)
    expect(onServer.length).toBeGreaterThan(5)
    expect(await scores(desk)).toEqual(onServer)
    for (const customerId of ['cust-123', 'cust-456'])
      expect(await desk.health.explain(sarah, customerId)).toEqual(await server.health.explain(sarah, customerId))
    // Offline, the desk keeps scoring with what it has.
    engine.stop()
    expect((await desk.health.explain(sarah, 'cust-123')).scorecardVersion).toBe(2)
  })
})
