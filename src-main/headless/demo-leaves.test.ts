import { afterAll, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import { createDeskCore } from '../core'
import { DEMO_PASSWORD } from '../core/demo/demo'
import { TEMPLATES_DIR, TEST_SECRET, contractClock, demoUser, tempDbPath } from '../core/testing'
import type { Host } from './host'
import { startTestHost } from './testing'

const desk = () =>
  createDeskCore({
    dbPath: tempDbPath(),
    jwtSecret: 'the-desks-own-secret-long-enough',
    clock: contractClock,
    demo: true,
    templatesDir: TEMPLATES_DIR,
    logError: () => {},
  })

describe('the demo book and a team server', () => {
  let server: Host
  afterAll(() => server?.close())

  it('leaves when the desk first connects, and asks first when the CSM did work in it', async () => {
    server = await startTestHost({ demo: false })
    const url = `${server.url}/api`
    // The team's own data: one account, one user, nothing of the demo.
    await server.core.db.write(async (tx) => {
      await tx.insertUser({
        id: 'u-1',
        name: 'Real Person',
        email: 'real@team.io',
        experience: 'mid',
        role: 'csm',
        active: 1,
      })
    })
    const token = signToken({ id: 'u-1', email: 'real@team.io', role: 'csm' }, TEST_SECRET)

    const untouched = await desk()
    expect(untouched.seeded).toBe(true)
    await untouched.sync.connect(url, token)
    await untouched.sync.engine!.sync()
    expect(await untouched.db.read((tx) => tx.workflowIds())).toEqual([])
    expect((await untouched.db.read((tx) => tx.users())).map((u) => u.id)).toEqual(['u-1'])
    await untouched.close()

    const worked = await desk()
    const sarah = demoUser('csm-456')
    await worked.workflows.start(sarah, 'wf-12345', { csmId: sarah.id })
    await expect(worked.sync.connect(url, token)).rejects.toMatchObject({ code: 'DEMO_HAS_WORK', details: { work: 1 } })
    expect(worked.store.syncValue('serverUrl')).toBeUndefined()
    expect(await worked.db.read((tx) => tx.workflow('wf-12345'))).toMatchObject({ status: 'in_progress' })
    await worked.sync.connect(url, token, { discardDemo: true })
    await worked.sync.engine!.sync()
    expect(await worked.db.read((tx) => tx.workflow('wf-12345'))).toBeUndefined()
    await worked.close()
  })

  it('asks first on a desk seeded before the demo was marked, where what was done is unknown', async () => {
    const older = await desk()
    older.store.db.prepare("DELETE FROM sync_state WHERE key = 'demo'").run()
    const token = signToken({ id: 'u-1', email: 'real@team.io', role: 'csm' }, TEST_SECRET)
    await expect(older.sync.connect(`${server.url}/api`, token)).rejects.toMatchObject({ code: 'DEMO_HAS_WORK' })
    await older.sync.connect(`${server.url}/api`, token, { discardDemo: true })
    await older.sync.engine!.sync()
    expect(await older.db.read((tx) => tx.customer('cust-123'))).toBeUndefined()
    await older.close()
  })

  it('leaves on a first sign-in with email and password too', async () => {
    const team = await startTestHost()
    const signingIn = await desk()
    await signingIn.workflows.start(demoUser('csm-456'), 'wf-12345', { csmId: 'csm-456' })
    await expect(signingIn.sync.login(`${team.url}/api`, 'marcus@company.com', DEMO_PASSWORD)).rejects.toMatchObject({
      code: 'DEMO_HAS_WORK',
    })
    const { user } = await signingIn.sync.login(`${team.url}/api`, 'marcus@company.com', DEMO_PASSWORD, {
      discardDemo: true,
    })
    expect(user.id).toBe('csm-101')
    expect(await signingIn.db.read((tx) => tx.workflowIds())).toEqual([])
    await signingIn.close()
    await team.close()
  })
})
