import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import { DEMO_PASSWORD } from '../demo/demo'
import type { Core } from '../index'
import { ENGINES, engineCore } from '../testing-engines'
import { TEST_SECRET, tokenFor } from '../testing'

describe.each(ENGINES)('signing in (%s)', (engine) => {
  let core: Core
  let now = new Date('2026-11-26T09:00:00.000Z')
  afterEach(() => core?.close())

  const start = async () => {
    now = new Date('2026-11-26T09:00:00.000Z')
    core = await engineCore(engine, { wallClock: () => now })
  }
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    return { status: response.status, headers: response.headers, body: (await response.json()) as any }
  }
  const login = (email: string, password: string) => call('POST', '/auth/login', undefined, { email, password })

  it('gives a 12-hour token for the right email and password, and the same 401 for a wrong email or password', async () => {
    await start()
    const ok = await login('Sarah@Company.com', DEMO_PASSWORD)
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({
      success: true,
      token: expect.any(String),
      expiresAt: '2026-11-26T21:00:00.000Z',
      user: { id: 'csm-456', email: 'sarah@company.com', name: 'Sarah Johnson', role: 'csm' },
      mustChangePassword: false,
    })
    expect((await call('GET', '/me', ok.body.token)).body.user.id).toBe('csm-456')
    const wrongPassword = await login('sarah@company.com', 'not-the-password')
    const wrongEmail = await login('nobody@company.com', DEMO_PASSWORD)
    expect(wrongPassword.status).toBe(401)
    expect(wrongEmail.body).toEqual(wrongPassword.body)
    expect(JSON.stringify(wrongPassword.body)).not.toContain(DEMO_PASSWORD)
    expect((await login('sarah@company.com', '')).status).toBe(400)
  })

  it('blocks an email after 10 failures in 15 minutes, even with the right password, until the block expires', async () => {
    await start()
    for (let i = 0; i < 10; i++) {
      expect((await login('marcus@company.com', `wrong-password-${i}`)).status).toBe(401)
      now = new Date(now.getTime() + 30_000)
    }
    const blocked = await login('marcus@company.com', DEMO_PASSWORD)
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('RATE_LIMITED')
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(retryAfter).toBe(15 * 60 - 10 * 30)
    expect((await login('sarah@company.com', DEMO_PASSWORD)).status).toBe(200)
    now = new Date(now.getTime() + (retryAfter - 1) * 1000)
    expect((await login('marcus@company.com', DEMO_PASSWORD)).status).toBe(429)
    now = new Date(now.getTime() + 2000)
    expect((await login('marcus@company.com', DEMO_PASSWORD)).status).toBe(200)
  })

  it('ends a token that signs out, older tokens when the password changes, and every token of a deactivated user at once', async () => {
    await start()
    const first = (await login('priya@company.com', DEMO_PASSWORD)).body.token
    const second = (await login('priya@company.com', DEMO_PASSWORD)).body.token
    expect((await call('POST', '/auth/logout', first)).status).toBe(200)
    expect((await call('GET', '/me', first)).body.error.message).toMatch(/signed out/)
    expect((await call('GET', '/me', second)).status).toBe(200)

    await core.accounts.setPassword({ id: null, email: 'ops' }, 'csm-202', 'a-brand-new-password')
    expect((await call('GET', '/me', second)).body.error.message).toMatch(/password changed/)
    expect((await login('priya@company.com', DEMO_PASSWORD)).status).toBe(401)
    const fresh = (await login('priya@company.com', 'a-brand-new-password')).body.token
    expect((await call('GET', '/me', fresh)).status).toBe(200)

    // A token already verified (and cached) stops working the moment the user is deactivated.
    const tom = tokenFor('csm-303', TEST_SECRET, now)
    expect((await call('GET', '/me', tom)).status).toBe(200)
    await core.db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-303'))!, active: 0 }))
    const refused = (await call('GET', '/me', tom)).body.error
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.message).toMatch(/deactivated/)
    expect((await login('tom@company.com', DEMO_PASSWORD)).status).toBe(401)
    const ghost = signToken({ id: 'csm-999', email: 'ghost@company.com', role: 'admin' }, TEST_SECRET, {
      nowSeconds: Math.floor(now.getTime() / 1000),
    })
    expect((await call('GET', '/me', ghost)).body.error.message).toMatch(/no user/)
  })
})

describe.each(ENGINES)('who is recorded (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())

  it('records the email of the users table, not the one a token claims', async () => {
    core = await engineCore(engine)
    // A token issued before Sarah's email changed still names her old one.
    await core.db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-456'))!, email: 'sarah.j@company.com' }))
    const stale = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, TEST_SECRET)
    const call = (path: string, body: unknown) =>
      core.api.fetch(
        new Request(`http://desk.local/api${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stale}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
    expect((await call('/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    const step = { duration: 30, outputs: { decision: 'proceed' } }
    expect((await call('/workflows/wf-12345/steps/analyze-arr-performance/complete', step)).status).toBe(200)
    const [result] = await core.db.read((tx) => tx.stepResults('wf-12345'))
    expect(result!.completed_by).toBe('sarah.j@company.com')
    expect((await call('/auth/logout', {})).status).toBe(200)
    const [entry] = await core.db.read((tx) => tx.auditEntries(1, null))
    expect(entry).toMatchObject({ action: 'sign-out', actor_email: 'sarah.j@company.com' })
  })
})
