import { afterAll, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import { createDeskCore } from '../core'
import { TEMPLATES_DIR, contractClock, tempDbPath, tokenFor } from '../core/testing'
import { DEMO_PASSWORD } from '../core/demo/demo'
import type { Host } from './host'
import { startTestHost } from './testing'

const FILE = ['external_id,name,arr,renewal_date,owner', 'F-1,Forwarded One,100000,2026-02-01,sarah@company.com'].join(
  '\n',
)
const LOCAL_SECRET = 'the-desks-own-secret-long-enough'
const admin = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }

describe('an admin on a desk that follows a team server', () => {
  let server: Host
  afterAll(() => server?.close())

  it('signs in there with email and password, imports and reads the team there; out of reach, says so and queues nothing', async () => {
    server = await startTestHost()
    const desk = await createDeskCore({
      dbPath: tempDbPath(),
      jwtSecret: LOCAL_SECRET,
      clock: contractClock,
      templatesDir: TEMPLATES_DIR,
      logError: () => {},
    })
    await expect(desk.sync.login(`${server.url}/api`, 'alex@company.com', 'not-the-password')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    const { token, user } = await desk.sync.login(`${server.url}/api`, 'alex@company.com', DEMO_PASSWORD)
    expect(user).toEqual(admin)
    desk.sync.configure(desk.store.syncValue('serverUrl')!, token, user)
    const importOnDesk = async () => {
      const response = await desk.api.fetch(
        new Request('http://desk.local/api/admin/import?dryRun=false', {
          method: 'POST',
          headers: { authorization: `Bearer ${signToken(admin, LOCAL_SECRET)}` },
          body: FILE,
        }),
      )
      return { status: response.status, body: (await response.json()) as any }
    }
    const teamReport = async () => {
      const response = await desk.api.fetch(
        new Request('http://desk.local/api/reports/forecast?from=2025-12&months=3', {
          headers: { authorization: `Bearer ${signToken(admin, LOCAL_SECRET)}` },
        }),
      )
      return { status: response.status, body: (await response.json()) as any }
    }
    // Reports come from the server while it answers (the desk holds no team).
    const online = await teamReport()
    expect(online.status).toBe(200)
    expect(online.body.offline).toBeUndefined()
    expect(online.body.totals.accounts).toBeGreaterThan(0)
    const team = await desk.api.fetch(
      new Request('http://desk.local/api/admin/team', {
        headers: { authorization: `Bearer ${signToken(admin, LOCAL_SECRET)}` },
      }),
    )
    expect(((await team.json()) as any).csms.map((c: any) => c.id)).toContain('csm-456')
    const answer = await importOnDesk()
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ success: true, created: 1, workflows: { created: 1 } })
    const queue = await fetch(`${server.url}/api/workflows/queue/csm-456`, {
      headers: { authorization: `Bearer ${tokenFor('csm-456')}` },
    }).then((r) => r.json() as Promise<any>)
    expect(queue.workflows.some((w: any) => w.customer.name === 'Forwarded One')).toBe(true)
    expect(await desk.db.read((tx) => tx.customersByExternalId(['F-1']))).toEqual([])
    // The desk takes what the server plans; it never plans its copy itself.
    expect(await desk.planner.run()).toBeNull()

    await server.close()
    const offline = await importOnDesk()
    expect(offline.status).toBe(503)
    expect(offline.body.error).toMatchObject({ code: 'SERVER_UNREACHABLE', message: expect.stringContaining('online') })
    expect(desk.store.outbox()).toEqual([])
    // A team report needs the server, and says so.
    const report = await teamReport()
    expect(report.status).toBe(503)
    expect(report.body.error).toMatchObject({
      code: 'SERVER_UNREACHABLE',
      message: expect.stringContaining('Team reports'),
    })
    await desk.close()
  })

  it("accepts a desk's own tokens for the CSM its server token names, from the first start on an empty database, offline", async () => {
    const offline = await createDeskCore({
      dbPath: tempDbPath(),
      jwtSecret: LOCAL_SECRET,
      clock: contractClock,
      templatesDir: TEMPLATES_DIR,
      upstream: {
        url: 'http://127.0.0.1:9/api',
        token: signToken(admin, 'a-server-secret-we-never-see'),
        intervalSeconds: 3600,
      },
      logError: () => {},
    })
    const me = await offline.api.fetch(
      new Request('http://desk.local/api/me', {
        headers: { authorization: `Bearer ${signToken(admin, LOCAL_SECRET)}` },
      }),
    )
    expect(me.status).toBe(200)
    expect(((await me.json()) as any).user).toMatchObject({ id: 'admin-1', role: 'admin' })
    expect(await offline.db.read((tx) => tx.workflowIds())).toEqual([])
    await offline.close()
  })
})
