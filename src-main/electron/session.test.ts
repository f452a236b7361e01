import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TokenVerifier, signToken, type User } from '../core/api/auth'
import { tempDbPath } from '../core/testing'
import { identityFromToken } from '../core/api/auth'
import { DesktopSession, type SessionDeps } from './session'
import { fakeSafeStorage } from './fake-safe-storage'
import { TokenStore } from './token-store'
import { ApiError } from '../core/api/errors'
import { readFileSync } from 'node:fs'

const SERVER_SECRET = 'the-team-servers-secret-long-enough'
/** The team server vouches only for tokens signed with its secret. */
const verify = async (token: string): Promise<User> => {
  const user = new TokenVerifier(SERVER_SECRET).verifyHeader(`Bearer ${token}`)
  return { id: user.id, email: user.email, role: user.role }
}

/** The team server: only Marcus, with his password, gets a token. */
const login = async (serverUrl: string, email: string, password: string) => {
  if (email !== 'marcus@company.com' || password !== 'marcus-long-password')
    throw new ApiError('UNAUTHORIZED', 'That email and password do not match an active account')
  const token = signToken(marcus, SERVER_SECRET)
  return { token, user: await verify(token) }
}

function session(file: string, encryption = fakeSafeStorage(), extra: Partial<SessionDeps> = {}) {
  let keep = false
  let reminders = true
  return new DesktopSession({
    ...extra,
    tokens: new TokenStore(file, encryption, 'linux', () => keep),
    verify,
    login,
    keepWithoutKeyring: { get: () => keep, set: async (value) => void (keep = value) },
    reminders: { get: () => reminders, set: async (on) => void (reminders = on) },
  })
}
const marcus = { id: 'csm-101', email: 'marcus@company.com', role: 'csm' as const }

describe('identityFromToken', () => {
  it('reads sub, email and role from an unexpired token', () => {
    expect(identityFromToken(signToken(marcus, 'any-secret-long-enough'))).toEqual(marcus)
  })

  it('refuses expired, incomplete and malformed tokens', () => {
    expect(
      identityFromToken(signToken(marcus, 'any-secret-long-enough', { nowSeconds: 1000, expiresInSeconds: 10 })),
    ).toBeNull()
    expect(identityFromToken('a.b.c')).toBeNull()
    expect(identityFromToken('nope')).toBeNull()
  })
})

describe('DesktopSession', () => {
  it('signs in through single sign-on in the system browser, and signing out ends the token at the server', async () => {
    const file = join(tempDbPath(), '..', 'token.bin')
    const opened: string[] = []
    const ended: string[] = []
    const desk = session(file, fakeSafeStorage(), {
      ssoLogin: async (serverUrl) => {
        opened.push(`${serverUrl}/auth/oidc/start`)
        const token = signToken(marcus, SERVER_SECRET)
        return { token, user: await verify(token) }
      },
      endAtServer: async (token) => void ended.push(token),
    })
    await desk.restore()
    expect((await desk.handle('POST', '/session', { sso: true })).status).toBe(400)
    const signedIn = await desk.handle('POST', '/session', { sso: true, serverUrl: 'https://team.example/api' })
    expect(signedIn).toMatchObject({ status: 200, body: { user: marcus } })
    expect(opened).toEqual(['https://team.example/api/auth/oidc/start'])
    const token = await desk.token()
    await desk.handle('POST', '/session/sign-out', {})
    expect(ended).toEqual([token])
    expect(desk.current().id).toBe('csm-456')
    expect(await desk.token()).toBeNull()
  })

  it('signs in at the team server with email and password, keeps the token encrypted and never the password', async () => {
    const file = join(tempDbPath(), '..', 'token.bin')
    const desk = session(file)
    await desk.restore()
    const wrong = await desk.handle('POST', '/session', {
      serverUrl: 'https://team.example/api',
      email: 'marcus@company.com',
      password: 'guess-guess-guess',
    })
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } })
    expect(desk.current().id).toBe('csm-456')
    const right = await desk.handle('POST', '/session', {
      serverUrl: 'https://team.example/api',
      email: 'marcus@company.com',
      password: 'marcus-long-password',
    })
    expect(right.status).toBe(200)
    expect(desk.current()).toEqual(marcus)
    expect(await desk.token()).toMatch(/^ey/)
    expect(readFileSync(file, 'latin1')).not.toContain('marcus-long-password')
    expect((await desk.handle('POST', '/session', { email: 'x', password: '' })).status).toBe(400)
  })

  it('starts as the demo CSM, signs in with a token that survives a restart, and signs out', async () => {
    const file = join(tempDbPath(), '..', 'token.bin')
    const desk = session(file)
    await desk.restore()
    expect(desk.current().id).toBe('csm-456')
    expect((await desk.handle('POST', '/session', { token: 'garbage' })).status).toBe(401)
    expect((await desk.handle('POST', '/session', { token: signToken(marcus, SERVER_SECRET) })).status).toBe(200)
    expect(desk.current()).toEqual(marcus)

    const restarted = session(file)
    await restarted.restore()
    expect(restarted.current()).toEqual(marcus)
    await restarted.handle('POST', '/session/sign-out', undefined)
    expect(restarted.current().id).toBe('csm-456')
    expect((await restarted.handle('GET', '/session', undefined)).body).toMatchObject({ user: { id: 'csm-456' } })
  })

  it('does not take a token the server has not vouched for, whatever its claims say', async () => {
    const desk = session(join(tempDbPath(), '..', 'token.bin'))
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'admin-1', email: 'alex@company.com', role: 'admin', exp: 9_999_999_999 }),
    ).toString('base64url')}.`
    expect(identityFromToken(unsigned)).toMatchObject({ role: 'admin' }) // display only
    expect((await desk.handle('POST', '/session', { token: unsigned })).status).toBe(401)
    expect(
      (await desk.handle('POST', '/session', { token: signToken(marcus, 'another-secret-long-enough') })).status,
    ).toBe(401)
    expect(desk.current().id).toBe('csm-456')
  })

  it('keeps the sign-in in memory without a keyring, and on disk once the user opts in', async () => {
    const file = join(tempDbPath(), '..', 'token.bin')
    const encryption = fakeSafeStorage('basic_text')
    const desk = session(file, encryption)
    expect((await desk.handle('GET', '/session', undefined)).body).toMatchObject({
      noKeyring: true,
      keepWithoutKeyring: false,
      warning: expect.stringMatching(/only until you quit/),
    })
    await desk.handle('POST', '/session', { token: signToken(marcus, SERVER_SECRET) })
    expect(existsSync(file)).toBe(false)
    expect((await desk.handle('POST', '/session/keep-without-keyring', { keep: true })).status).toBe(200)
    expect(existsSync(file)).toBe(true)
    expect((await desk.handle('POST', '/session/keep-without-keyring', { keep: false })).status).toBe(200)
    expect(existsSync(file)).toBe(false)
    expect(desk.current()).toEqual(marcus)
  })

  it('turns reminders off and on, and says which', async () => {
    const desk = session(join(tempDbPath(), '..', 'token.bin'))
    expect((await desk.handle('GET', '/session', undefined)).body).toMatchObject({ reminders: true })
    expect((await desk.handle('POST', '/session/reminders', { on: 'no' })).status).toBe(400)
    expect((await desk.handle('POST', '/session/reminders', { on: false })).status).toBe(200)
    expect((await desk.handle('GET', '/session', undefined)).body).toMatchObject({ reminders: false })
  })
})
