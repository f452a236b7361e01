import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createCore } from '../core'
import { ENGINES, freshDatabase } from '../core/testing-engines'
import { contractClock, TEMPLATES_DIR, TEST_SECRET } from '../core/testing'
import { main } from './users'

function run(args: string[], stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const io = { input: Readable.from([stdin]), out: (l: string) => out.push(l), err: (l: string) => err.push(l) }
  return main(args, io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }))
}

describe.each(ENGINES)('npm run users (%s)', (engine) => {
  it("gives a fresh team server its first admin, who signs in; sets a password and deactivates, ending the user's sign-ins", async () => {
    const db = await freshDatabase(engine)
    const add = ['add', '--db', db, '--email', 'lee@team.io', '--name', 'Lee Admin', '--role', 'admin']
    expect(await run(add, 'short\n')).toMatchObject({ code: 1, err: expect.stringContaining('at least 12') })
    const added = await run(add, 'a-long-enough-secret\n')
    expect(added.code).toBe(0)
    expect(added.out).toMatch(/^user-[0-9a-f-]{36}$/)
    expect((await run(add, 'a-long-enough-secret\n')).code).toBe(1)
    expect((await run(['list', '--db', db])).out).toContain('lee@team.io\tLee Admin\tadmin\tmid\tactive')

    const core = await createCore({
      dbPath: db,
      jwtSecret: TEST_SECRET,
      clock: contractClock,
      templatesDir: TEMPLATES_DIR,
    })
    const login = async (password: string) => {
      const response = await core.api.fetch(
        new Request('http://x/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lee@team.io', password }),
        }),
      )
      return {
        status: response.status,
        body: (await response.json()) as { token: string; mustChangePassword: boolean },
      }
    }
    const me = async (token: string) =>
      (await core.api.fetch(new Request('http://x/api/me', { headers: { authorization: `Bearer ${token}` } }))).status
    // The password the operator typed is temporary: it signs in only to be changed.
    const first = await login('a-long-enough-secret')
    expect(first.body.mustChangePassword).toBe(true)
    expect(await me(first.body.token)).toBe(403)
    const changed = await core.api.fetch(
      new Request('http://x/api/auth/password', {
        method: 'POST',
        headers: { authorization: `Bearer ${first.body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'a-long-enough-secret', newPassword: 'lees-own-long-secret' }),
      }),
    )
    expect(changed.status).toBe(200)
    const token = ((await changed.json()) as { token: string }).token
    expect(await me(token)).toBe(200)
    expect((await run(['set-password', '--db', db, '--email', 'lee@team.io'], 'another-long-secret\n')).code).toBe(0)
    expect(await me(token)).toBe(401)
    expect((await login('another-long-secret')).body.mustChangePassword).toBe(true)
    expect((await run(['deactivate', '--db', db, '--email', 'lee@team.io'])).code).toBe(0)
    expect((await login('another-long-secret')).status).toBe(401)
    expect((await run(['activate', '--db', db, '--email', 'lee@team.io'])).code).toBe(0)
    expect((await login('another-long-secret')).status).toBe(200)
    expect((await run(['list', '--db', db])).out).toContain('lee@team.io\tLee Admin\tadmin\tmid\tactive')
    await core.close()
  })

  it('says how to use it', async () => {
    expect((await run(['remove', '--db', 'x'])).code).toBe(2)
    expect((await run(['add', '--db', 'x'])).code).toBe(2)
    expect((await run(['list'])).code).toBe(2)
  })
})
