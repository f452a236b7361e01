import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { STAGES } from '../domain/stages'
import { ENGINES, engineCore } from '../testing-engines'
import { apiDocExample, callApi, tokenFor } from '../testing'

const admin = tokenFor('admin-1')
const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')

describe.each(ENGINES)('the team, for admins (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())
  const start = async () => {
    core = await engineCore(engine)
  }
  const call = (method: string, path: string, token: string, body?: unknown) => callApi(core, method, path, token, body)

  it("shows every CSM's load as their own queue counts it, the totals, the stages and uncovered renewals; CSMs get 403", async () => {
    await start()
    const { status, body } = await call('GET', '/admin/team', admin)
    expect(status).toBe(200)
    const sarahRow = body.csms.find((c: any) => c.id === 'csm-456')
    const queue = (await call('GET', '/workflows/queue/csm-456', sarah)).body
    expect(sarahRow).toMatchObject({
      name: 'Sarah Johnson',
      email: 'sarah@company.com',
      experience: 'senior',
      active: true,
      pending: queue.stats.pending,
      inProgress: queue.stats.inProgress,
      nextRenewal: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    })
    expect(sarahRow.openArr).toBeGreaterThan(0)
    expect(body.csms.map((c: any) => c.id)).not.toContain('admin-1')
    expect(body.totals.pending).toBe(body.csms.reduce((n: number, c: any) => n + c.pending, 0))
    expect(body.stages.map((s: any) => s.stage)).toEqual([...STAGES]) // Overdue first, Monitor last
    expect(body.stages.reduce((n: number, s: any) => n + s.workflows, 0)).toBeGreaterThan(0)
    expect(Array.isArray(body.uncovered)).toBe(true)
    // Acme renews in 3 days: once its workflow is done, nothing covers it.
    await call('POST', '/workflows/wf-12345/start', sarah, { csmId: 'csm-456' })
    await call('POST', '/workflows/wf-12345/complete', sarah, { totalDuration: 60, status: 'success' })
    const after = (await call('GET', '/admin/team', admin)).body
    expect(after.uncovered).toContainEqual({
      customerId: 'cust-123',
      name: 'Acme Corporation',
      arr: 500000,
      renewalDate: '2025-12-31',
      owner: { id: 'csm-456', name: 'Sarah Johnson' },
    })
    const shape = (value: object) => Object.keys(value).sort()
    const example = apiDocExample('team')
    expect(shape(after)).toEqual(shape(example))
    expect(shape(after.csms[0])).toEqual(shape(example.csms[0]))
    expect(shape(after.totals)).toEqual(shape(example.totals))
    expect(shape(after.stages[0])).toEqual(shape(example.stages[0]))
    expect(shape(after.uncovered[0])).toEqual(shape(example.uncovered[0]))
    for (const path of ['/admin/team', '/admin/users', '/admin/audit']) {
      expect((await call('GET', path, sarah)).status).toBe(403)
    }
  })

  it('reassigns all or nothing, keeps step results, and the previous CSM is refused at once', async () => {
    await start()
    await call('POST', '/workflows/wf-12345/start', sarah, { csmId: 'csm-456' })
    await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', sarah, {
      duration: 60,
      outputs: { decision: 'proceed', notes: 'fine' },
    })
    const other = (await call('GET', '/workflows/queue/csm-456', sarah)).body.workflows.find(
      (w: any) => w.id !== 'wf-12345',
    ).id
    const bad = [
      [{ workflowIds: ['wf-12345', 'wf-nope'], toCsmId: 'csm-101', reason: 'Leave' }, 404],
      [{ workflowIds: ['wf-12345'], toCsmId: 'csm-nobody', reason: 'Leave' }, 404],
      [{ workflowIds: ['wf-12345'], toCsmId: 'admin-1', reason: 'Leave' }, 400],
      [{ workflowIds: ['wf-12345'], toCsmId: 'csm-101', reason: '  ' }, 400],
    ] as const
    for (const [body, status] of bad)
      expect((await call('POST', '/admin/workflows/reassign', admin, body)).status).toBe(status)
    expect((await call('GET', '/workflows/wf-12345/context', sarah)).status).toBe(200)

    const moved = await call('POST', '/admin/workflows/reassign', admin, {
      workflowIds: ['wf-12345', other],
      toCsmId: 'csm-101',
      reason: 'Sarah is on leave',
      alsoOwner: true,
    })
    expect(moved.body).toEqual({ success: true, reassigned: 2 })
    expect((await call('GET', '/workflows/wf-12345/context', sarah)).status).toBe(403)
    const step = await call('POST', '/workflows/wf-12345/steps/review-health-indicators/complete', sarah, {
      duration: 60,
      outputs: { decision: 'healthy', notes: 'x' },
    })
    expect(step.status).toBe(403)
    const context = (await call('GET', '/workflows/wf-12345/context', marcus)).body
    expect(context.workflow).toMatchObject({ status: 'in_progress', completedSteps: ['analyze-arr-performance'] })
    expect(context.customer.owner.id).toBe('csm-101')
    expect((await call('GET', '/workflows/queue/csm-101', marcus)).body.workflows.map((w: any) => w.id)).toContain(
      'wf-12345',
    )
    const [entry] = (await call('GET', '/admin/audit?limit=1', admin)).body.entries
    expect(entry).toMatchObject({
      action: 'reassign',
      actor: { id: 'admin-1' },
      subject: 'csm-101',
      reason: 'Sarah is on leave',
      details: {
        alsoOwner: true,
        workflows: expect.arrayContaining([
          { id: 'wf-12345', from: 'csm-456', fromName: 'Sarah Johnson', account: 'Acme Corporation' },
        ]),
      },
    })
  })

  it('adds a user with a temporary password shown once, changes them, and deactivates only with a taker for open work', async () => {
    await start()
    const added = await call('POST', '/admin/users', admin, {
      email: 'Nina@Company.com',
      name: 'Nina Ortiz',
      role: 'csm',
      experience: 'junior',
    })
    expect(added.body).toMatchObject({
      success: true,
      user: { email: 'Nina@Company.com', role: 'csm', active: true, openWorkflows: 0 },
      temporaryPassword: expect.stringMatching(/^.{16}$/),
    })
    const login = await call('POST', '/auth/login', '', {
      email: 'nina@company.com',
      password: added.body.temporaryPassword,
    })
    expect(login.status).toBe(200)
    // A temporary password signs in only to be changed.
    expect(login.body.mustChangePassword).toBe(true)
    expect((await call('GET', '/me', login.body.token)).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED')
    expect(
      (await call('POST', '/admin/users', admin, { email: 'nina@company.com', name: 'N', role: 'csm' })).status,
    ).toBe(400)
    const listed = (await call('GET', '/admin/users', admin)).body.users.find((u: any) => u.id === added.body.user.id)
    expect(listed).not.toHaveProperty('temporaryPassword')

    const changed = await call('POST', `/admin/users/${added.body.user.id}`, admin, { experience: 'mid' })
    expect(changed.body.user.experience).toBe('mid')
    expect((await call('POST', '/admin/users/admin-1', admin, { role: 'csm' })).status).toBe(400)

    const refused = await call('POST', '/admin/users/csm-303/deactivate', admin, {})
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('USER_HAS_OPEN_WORK')
    const tom = tokenFor('csm-303')
    expect((await call('GET', '/me', tom)).status).toBe(200)
    const open = refused.body.error.details.openWorkflows
    const done = await call('POST', '/admin/users/csm-303/deactivate', admin, { reassignTo: added.body.user.id })
    expect(done.body).toMatchObject({ success: true, reassigned: open, user: { active: false } })
    expect((await call('GET', '/me', tom)).status).toBe(401)
    const back = await call('POST', '/admin/users/csm-303/activate', admin)
    expect(back.body.user).toMatchObject({ id: 'csm-303', active: true })
    expect((await call('GET', '/me', tom)).status).toBe(401) // an old token stays ended
    expect(
      (await call('POST', '/auth/login', '', { email: 'tom@company.com', password: 'csm-desk-demo' })).status,
    ).toBe(200)
    // Tom's accounts went with his work: the planner plans their next renewals for Nina.
    const owned = await core.db.read((tx) => tx.planningState())
    expect(owned.customers.filter((c) => c.owner_id === 'csm-303')).toEqual([])
    const actions = (await call('GET', '/admin/audit', admin)).body.entries.map((e: any) => e.action)
    expect(actions.slice(0, 6)).toEqual([
      'sign-in',
      'user-activated',
      'user-deactivated',
      'reassign',
      'user-changed',
      'sign-in',
    ])
    expect(actions).toContain('user-added')
  })

  it("resets a user's password to a temporary one: their tokens end, it is audited, and they choose their own next", async () => {
    await start()
    expect((await call('GET', '/me', sarah)).status).toBe(200)
    expect((await call('POST', '/admin/users/csm-456/password', sarah)).status).toBe(403)
    const reset = await call('POST', '/admin/users/csm-456/password', admin)
    expect(reset.body).toMatchObject({ success: true, temporaryPassword: expect.stringMatching(/^.{16}$/) })
    expect((await call('GET', '/me', sarah)).status).toBe(401)
    const login = await call('POST', '/auth/login', '', {
      email: 'sarah@company.com',
      password: reset.body.temporaryPassword,
    })
    expect(login.body.mustChangePassword).toBe(true)
    expect((await call('GET', '/workflows/queue/csm-456', login.body.token)).status).toBe(403)
    const own = await call('POST', '/auth/password', login.body.token, {
      currentPassword: reset.body.temporaryPassword,
      newPassword: 'sarahs-own-long-password',
    })
    expect(own.status).toBe(200)
    expect((await call('GET', '/workflows/queue/csm-456', own.body.token)).status).toBe(200)
    expect((await call('GET', '/me', login.body.token)).status).toBe(401)
    const entry = (await call('GET', '/admin/audit', admin)).body.entries.find(
      (e: any) => e.action === 'password-reset',
    )
    expect(entry).toMatchObject({ actor: { id: 'admin-1' }, subject: 'csm-456' })
    expect((await call('POST', '/admin/users/admin-1/password', admin)).status).toBe(400)
  })

  it('filters the audit trail by action, by who, and by time; a bad filter is a 400', async () => {
    await start()
    await call('POST', '/auth/login', '', { email: 'sarah@company.com', password: 'csm-desk-demo' })
    await call('POST', '/admin/workflows/reassign', admin, {
      workflowIds: ['wf-67890'],
      toCsmId: 'csm-101',
      reason: 'Cover',
    })
    const actions = async (query: string) =>
      (await call('GET', `/admin/audit?${query}`, admin)).body.entries.map((e: any) => e.action)
    expect(await actions('except=sign-in,sign-in-failed,sign-out')).toEqual(['reassign'])
    expect(await actions('action=sign-in')).toEqual(['sign-in'])
    expect(await actions('actor=csm-456')).toEqual(['sign-in'])
    expect(await actions('actor=admin-1')).toEqual(['reassign'])
    expect(await actions('from=2999-01-01')).toEqual([])
    const [moved] = (await call('GET', '/admin/audit?action=reassign', admin)).body.entries
    expect(moved.details.workflows).toEqual([
      { id: 'wf-67890', from: 'csm-456', fromName: 'Sarah Johnson', account: 'TechCo Inc' },
    ])
    expect((await call('GET', '/admin/audit?action=DROP TABLE', admin)).status).toBe(400)
    expect((await call('GET', '/admin/audit?from=yesterday', admin)).status).toBe(400)
  })

  it('pages the audit trail newest first', async () => {
    await start()
    for (const email of ['priya@company.com', 'marcus@company.com', 'sarah@company.com'])
      await call('POST', '/auth/login', '', { email, password: 'a-wrong-password' })
    const first = (await call('GET', '/admin/audit?limit=2', admin)).body
    expect(first.entries).toHaveLength(2)
    const next = (await call('GET', `/admin/audit?limit=2&before=${first.nextBefore}`, admin)).body
    expect(next.entries[0].seq).toBeLessThan(first.entries[1].seq)
    expect(next.entries[0]).toMatchObject({ action: 'sign-in-failed', actor: { email: 'priya@company.com' } })
    expect((await call('GET', '/admin/audit?limit=5000', admin)).status).toBe(400)
  })
})
