import { decodeJwt, generateKeyPair } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core, CoreOptions } from '../index'
import { ENGINES, engineCore } from '../testing-engines'
import { tokenFor } from '../testing'
import { DEMO_PASSWORD } from '../demo/demo'
import { CALLBACK_PATH } from './sign-in'
import { CLIENT_ID, CLIENT_SECRET, ProviderBrowser, TestProvider, pkcePair } from './testing'

const ORIGIN = 'http://127.0.0.1:4010'
const ADMINS = 'csm-desk-admins'

describe.each(ENGINES)('single sign-on against a real OpenID provider (%s)', (engine) => {
  let idp: TestProvider
  let core: Core
  let now = Date.now()
  beforeAll(async () => {
    idp = await (await TestProvider.listen()).configure([ORIGIN])
  })
  afterAll(() => idp.close())
  afterEach(async () => {
    idp.tamper = null
    idp.users.clear()
    await core?.close()
  })

  const start = async (options: Partial<CoreOptions> = {}) => {
    now = Date.now()
    core = await engineCore(engine, {
      wallClock: () => new Date(now),
      oidc: {
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        name: 'Okta',
        allowedDomains: ['company.com'],
        adminGroup: ADMINS,
        groupsClaim: 'groups',
        scopes: 'openid email profile groups',
        fetch: idp.fetch as never,
      },
      ...options,
    })
  }
  const request = async (path: string, init: RequestInit = {}) => core.api.fetch(new Request(`${ORIGIN}${path}`, init))
  const json = async (path: string, body: unknown, token?: string) => {
    const response = await request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  /** The whole flow, as a browser and the app that started it go through it. */
  const signIn = async (
    login: string,
    options: {
      tamperState?: (state: string) => string | null
      keepCallback?: (url: string, cookie: string) => void
    } = {},
  ) => {
    const pair = pkcePair()
    const started = await request(`/api/auth/oidc/start?challenge=${pair.challenge}`)
    expect(started.status).toBe(302)
    const cookie = started.headers.get('set-cookie')!.split(';')[0]!
    let callback = await new ProviderBrowser().signIn(started.headers.get('location')!, login, ORIGIN + CALLBACK_PATH)
    options.keepCallback?.(callback, cookie)
    if (options.tamperState) {
      const url = new URL(callback)
      const state = options.tamperState(url.searchParams.get('state')!)
      if (state === null) url.searchParams.delete('state')
      else url.searchParams.set('state', state)
      callback = url.href
    }
    const back = await request(new URL(callback).pathname + new URL(callback).search, { headers: { cookie } })
    expect(back.status).toBe(302)
    const answer = new URLSearchParams(back.headers.get('location')!.replace(/^\/#\/sso\?/, ''))
    if (answer.get('error')) return { refused: { code: answer.get('error'), message: answer.get('message')! } }
    const exchanged = await json('/api/auth/oidc/token', { code: answer.get('code'), verifier: pair.verifier })
    return { exchanged, code: answer.get('code')!, verifier: pair.verifier }
  }
  const users = async () => (await core.db.read((tx) => tx.users())).map((u) => u.email)
  const auditOf = (action: string) => core.db.read((tx) => tx.auditEntries(50, null, { actions: [action] }))

  it('creates a new user of an allowed domain at their first sign-in, then matches them by subject after their email changes', async () => {
    await start()
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true, name: 'Nina Patel' })
    const first = await signIn('okta-nina')
    expect(first.exchanged!.status).toBe(200)
    const { token, user } = first.exchanged!.body
    expect(user).toMatchObject({ email: 'nina@company.com', name: 'Nina Patel', role: 'csm' })
    const me = await request('/api/me', { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    const row = await core.db.read((tx) => tx.csm(user.id))
    expect(row).toMatchObject({ experience: 'mid', role: 'csm', active: 1 })
    expect(await auditOf('user-added')).toEqual([expect.objectContaining({ subject: user.id })])

    idp.users.set('okta-nina', { email: 'nina.r@company.com', email_verified: true, name: 'Nina Rao' })
    const second = await signIn('okta-nina')
    expect(second.exchanged!.body.user.id).toBe(user.id)
    expect((await auditOf('sign-in')).length).toBe(2)
  })

  it('links an existing user through their verified email, whatever their domain', async () => {
    await start()
    idp.users.set('okta-sarah', { email: 'Sarah@Company.com', email_verified: true, name: 'S J' })
    const { exchanged } = await signIn('okta-sarah')
    expect(exchanged!.body.user).toMatchObject({ id: 'csm-456', name: 'Sarah Johnson' })
  })

  it('refuses a domain that is not allowed, an unverified email and a deactivated user, and audits each', async () => {
    await start()
    const before = await users()
    idp.users.set('outsider', { email: 'eve@elsewhere.org', email_verified: true })
    const outsider = await signIn('outsider')
    expect(outsider.refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('elsewhere.org') })
    idp.users.set('unverified', { email: 'new@company.com', email_verified: false })
    expect((await signIn('unverified')).refused?.message).toMatch(/not verified/)
    idp.users.set('entra-unverified', { email: 'new@company.com', xms_edov: false })
    expect((await signIn('entra-unverified')).refused?.message).toMatch(/not verified/)
    expect(await users()).toEqual(before)
    // Entra ID's work accounts: the domain verified by the tenant (xms_edov) stands in for email_verified.
    idp.users.set('entra-lee', { email: 'lee@company.com', xms_edov: true })
    expect((await signIn('entra-lee')).exchanged?.body.user).toMatchObject({ email: 'lee@company.com' })

    idp.users.set('okta-zoe', { email: 'zoe@company.com', email_verified: true })
    const zoe = (await signIn('okta-zoe')).exchanged!.body.user
    const deactivated = await json(`/api/admin/users/${zoe.id}/deactivate`, {}, tokenFor('admin-1'))
    expect(deactivated.body).toMatchObject({ success: true })
    expect((await signIn('okta-zoe')).refused?.message).toMatch(/deactivated/)
    const refusals = await auditOf('sign-in-refused')
    expect(refusals.map((r) => r.reason)).toEqual([
      expect.stringMatching(/deactivated/),
      expect.stringMatching(/not verified/),
      expect.stringMatching(/not verified/),
      expect.stringMatching(/elsewhere\.org/),
    ])
  })

  it('refuses a wrong or missing state and a replayed authorization code', async () => {
    await start()
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true })
    expect((await signIn('okta-nina', { tamperState: (s) => `${s}x` })).refused?.code).toBe('UNAUTHORIZED')
    expect((await signIn('okta-nina', { tamperState: () => null })).refused?.message).toMatch(/no state/)
    let kept = { url: '', cookie: '' }
    const fine = await signIn('okta-nina', { keepCallback: (url, cookie) => (kept = { url, cookie }) })
    expect(fine.exchanged!.status).toBe(200)
    const replay = await request(new URL(kept.url).pathname + new URL(kept.url).search, {
      headers: { cookie: kept.cookie },
    })
    expect(replay.headers.get('location')).toMatch(/error=UNAUTHORIZED/)
  })

  it.each([
    ['a nonce mismatch', (p: any, idp: TestProvider) => idp.sign({ ...p, nonce: 'another-nonce' }), /nonce/],
    ['another issuer', (p: any, idp: TestProvider) => idp.sign({ ...p, iss: 'https://evil.example' }), /iss/],
    ['alg none', (p: any, idp: TestProvider) => Promise.resolve(idp.unsigned(p)), /alg|none|unsupported/i],
    [
      'an unknown key',
      async (p: any, idp: TestProvider) => idp.sign(p, (await generateKeyPair('RS256')).privateKey),
      /key|kid|signature/i,
    ],
    [
      'an expired ID token',
      (p: any, idp: TestProvider) =>
        idp.sign({ ...p, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
      /exp/,
    ],
  ])('refuses an ID token with %s, and creates no one', async (_name, tamper, why) => {
    await start()
    const before = await users()
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true })
    idp.tamper = tamper
    const { refused } = await signIn('okta-nina')
    expect(refused?.code).toBe('UNAUTHORIZED')
    expect(refused?.message).toMatch(why)
    expect(await users()).toEqual(before)
  })

  it('makes a member of the admin group an admin, and takes admin away when the group goes', async () => {
    await start()
    idp.users.set('okta-ana', { email: 'ana@company.com', email_verified: true, groups: [ADMINS, 'sales'] })
    const first = (await signIn('okta-ana')).exchanged!.body
    expect(first.user.role).toBe('admin')
    expect((await request('/api/admin/team', { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(200)
    idp.users.set('okta-ana', { email: 'ana@company.com', email_verified: true, groups: ['sales'] })
    const second = (await signIn('okta-ana')).exchanged!.body
    expect(second.user.role).toBe('csm')
    expect((await request('/api/admin/team', { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(
      403,
    )
    expect((await auditOf('user-changed'))[0]).toMatchObject({ subject: first.user.id })
  })

  it('trades a code once, only with the verifier of its challenge, and only within 60 seconds', async () => {
    await start()
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true })
    const intercept = async () => {
      const pair = pkcePair()
      const started = await request(
        `/api/auth/oidc/start?challenge=${pair.challenge}&redirect=${encodeURIComponent('http://127.0.0.1:53682/callback')}&state=desk-state-0123456789`,
      )
      const cookie = started.headers.get('set-cookie')!.split(';')[0]!
      const callback = await new ProviderBrowser().signIn(
        started.headers.get('location')!,
        'okta-nina',
        ORIGIN + CALLBACK_PATH,
      )
      const back = await request(new URL(callback).pathname + new URL(callback).search, { headers: { cookie } })
      const location = new URL(back.headers.get('location')!)
      expect(location.origin + location.pathname).toBe('http://127.0.0.1:53682/callback')
      expect(location.searchParams.get('state')).toBe('desk-state-0123456789')
      return { code: location.searchParams.get('code')!, verifier: pair.verifier }
    }
    const stolen = await intercept()
    expect((await json('/api/auth/oidc/token', { code: stolen.code })).status).toBe(400) // no verifier at all
    const attacker = await json('/api/auth/oidc/token', { code: stolen.code, verifier: pkcePair().verifier })
    expect(attacker).toMatchObject({ status: 401, body: { error: { message: expect.stringMatching(/verifier/) } } })
    // Tried once with the wrong verifier, the code is gone for the right one too.
    expect((await json('/api/auth/oidc/token', stolen)).status).toBe(401)

    const good = await intercept()
    expect((await json('/api/auth/oidc/token', good)).status).toBe(200)
    expect((await json('/api/auth/oidc/token', good)).body.error.message).toMatch(/unknown, used or expired/)

    const late = await intercept()
    now += 61_000
    expect((await json('/api/auth/oidc/token', late)).status).toBe(401)
  })

  it('sends a code only to a loopback callback, and needs a PKCE challenge', async () => {
    await start()
    const { challenge } = pkcePair()
    for (const redirect of [
      'https://evil.example/callback',
      'http://localhost:5000/callback',
      'http://127.0.0.1:5000/other',
    ])
      expect(
        (await request(`/api/auth/oidc/start?challenge=${challenge}&redirect=${encodeURIComponent(redirect)}`)).status,
      ).toBe(400)
    const none = await request('/api/auth/oidc/start')
    expect(none.headers.get('location')).toMatch(/error=VALIDATION_ERROR/)
  })

  it('signs out of the app, and says where to end the provider session', async () => {
    await start()
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true })
    const { token } = (await signIn('okta-nina')).exchanged!.body
    const out = await json('/api/auth/logout', {}, token)
    expect(out.body.providerLogoutUrl).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`))
    const ending = new URL(out.body.providerLogoutUrl).searchParams
    expect(ending.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/`)
    // The provider's own ID token names the session to end (Okta requires it).
    expect(decodeJwt(ending.get('id_token_hint')!)).toMatchObject({ iss: idp.issuer, sub: 'okta-nina' })
    expect((await request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('offers what the server allows: passwords for everyone, for admins alone, or for no one', async () => {
    const login = (email: string) => json('/api/auth/login', { email, password: DEMO_PASSWORD })
    await start()
    expect((await request('/api/auth/methods')).status).toBe(200)
    expect(await (await request('/api/auth/methods')).json()).toEqual({
      success: true,
      password: 'all',
      sso: { name: 'Okta', start: '/api/auth/oidc/start' },
    })
    await core.close()
    await start({ passwordSignIn: 'admins' })
    expect((await login('sarah@company.com')).status).toBe(403)
    expect((await login('alex@company.com')).status).toBe(200)
    await core.close()
    await start({ passwordSignIn: 'off' })
    expect(await request('/api/auth/methods').then((r) => r.json())).toMatchObject({ password: 'off' })
    expect(await login('alex@company.com')).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  })
})
