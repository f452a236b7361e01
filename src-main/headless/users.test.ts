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
    const login = (password: string) =>
      core.api.fetch(
        new Request('http://x/api/auth/login', {
          method: 'POST',
          body: JSON.stringify({ email: 'lee@team.io', password }),
        }),
      )
    const token = ((await (await login('a-long-enough-secret')).json()) as { token: string }).token
    expect((await login('a-long-enough-secret')).status).toBe(200)
    expect((await run(['set-password', '--db', db, '--email', 'lee@team.io'], 'another-long-secret\n')).code).toBe(0)
    const me = await core.api.fetch(new Request('http://x/api/me', { headers: { authorization: `Bearer ${token}` } }))
    expect(me.status).toBe(401)
    expect((await login('another-long-secret')).status).toBe(200)
    expect((await run(['deactivate', '--db', db, '--email', 'lee@team.io'])).code).toBe(0)
    expect((await login('another-long-secret')).status).toBe(401)
    await core.close()
  })

  it('says how to use it', async () => {
    expect((await run(['remove', '--db', 'x'])).code).toBe(2)
    expect((await run(['add', '--db', 'x'])).code).toBe(2)
  })
})
