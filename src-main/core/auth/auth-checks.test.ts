import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import { DEMO_PASSWORD } from '../demo/demo'
import type { Core } from '../index'
import type { Db } from '../store/db'
import { ENGINES, engineCore } from '../testing-engines'
import { TEST_SECRET, tokenFor } from '../testing'
import { AuthChecks } from './auth-checks'

const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string

describe.each(ENGINES)('token checks asked together (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())

  const call = async (path: string, token: string, body?: unknown) => {
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    return { status: response.status, body: (await response.json()) as any }
  }
  const login = async (email: string) => {
    const response = await core.api.fetch(
      new Request('http://desk.local/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      }),
    )
    return (await response.json()) as { token: string }
  }

  it('answers each of many requests at once by its own token, in fewer reads than requests', async () => {
    core = await engineCore(engine)
    const signedOut = (await login('priya@company.com')).token
    const kept = (await login('priya@company.com')).token
    expect((await call('/auth/logout', signedOut, {})).status).toBe(200)
    await core.db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-303'))!, active: 0 }))
    const tokens = {
      sarah: tokenFor('csm-456'),
      kept,
      signedOut,
      deactivated: tokenFor('csm-303'),
      ghost: signToken({ id: 'csm-999', email: 'ghost@company.com', role: 'admin' }, TEST_SECRET),
    }
    const readsBefore = core.accounts.checks.reads
    const asked = Array.from({ length: 60 }, (_, i) => Object.keys(tokens)[i % 5] as keyof typeof tokens)
    const answers = await Promise.all(asked.map((who) => call('/me', tokens[who])))

    answers.forEach((answer, i) => {
      const who = asked[i]!
      if (who === 'sarah') expect(answer.body.user.id).toBe('csm-456')
      else if (who === 'kept') expect(answer.body.user.id).toBe('csm-202')
      else {
        expect(answer.status).toBe(401)
        const why = { signedOut: /signed out/, deactivated: /deactivated/, ghost: /no user/ }[who]
        expect(answer.body.error.message).toMatch(why)
      }
    })
    expect(core.accounts.checks.reads - readsBefore).toBeLessThan(asked.length / 2)
  })

  it('never answers a check with a read made before it was asked (a sign-out counts at once)', async () => {
    core = await engineCore(engine)
    const token = (await login('priya@company.com')).token
    const check = { userId: 'csm-202', jti: jtiOf(token) }
    // The first read is made at once, but its answer is held until the test lets it go.
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    let made = () => {}
    const firstRead = new Promise<void>((r) => (made = r))
    let first = true
    const db = {
      read: async (fn: Parameters<Db['read']>[0]) => {
        const answer = await core.db.read(fn)
        if (first) {
          first = false
          made()
          await held
        }
        return answer
      },
    } as Db
    const checks = new AuthChecks(db, 1)

    const before = checks.state(check)
    await firstRead
    expect((await call('/auth/logout', token, {})).status).toBe(200)
    const after = checks.state(check)
    release()

    expect((await before)?.revoked).toBe(false)
    expect((await after)?.revoked).toBe(true)
    expect(checks.reads).toBe(2)
  })
})
