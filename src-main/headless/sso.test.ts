import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import { createDeskCore } from '../core'
import { TEMPLATES_DIR, tempDbPath } from '../core/testing'
import { CLIENT_ID, CLIENT_SECRET, ProviderBrowser, TestProvider } from '../core/sso/testing'
import { spawnServe } from './spawn-serve'

const TEAM_SECRET = 'team-server-secret-long-enough'
const DESK_SECRET = 'desk-local-secret-long-enough'
const children: ChildProcess[] = []
let idp: TestProvider | undefined

afterAll(async () => {
  for (const child of children) child.kill()
  await idp?.close()
})

/** What a child process has printed, and a wait for a line that matches. */
function output(child: ChildProcess, before = '') {
  let text = before
  const waiting: (() => void)[] = []
  const read = (chunk: Buffer) => {
    text += chunk
    for (const wake of waiting.splice(0)) wake()
  }
  child.stdout!.on('data', read)
  child.stderr!.on('data', read)
  return async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(text)
      if (match) return match
      if (child.exitCode !== null) throw new Error(`exited: ${text}`)
      await new Promise<void>((wake) => waiting.push(wake))
    }
  }
}

describe('a headless desk signs in through its team server’s single sign-on', () => {
  let team: { url: string; child: ChildProcess }
  beforeAll(async () => {
    idp = await TestProvider.listen()
    team = await spawnServe(
      [
        '--db',
        tempDbPath(),
        '--demo',
        '--oidc-issuer',
        idp.issuer,
        '--oidc-client-id',
        CLIENT_ID,
        '--oidc-name',
        'Okta',
        '--oidc-scopes',
        'openid email profile groups',
        '--password-sign-in',
        'off',
      ],
      { CSMDESK_JWT_SECRET: TEAM_SECRET, CSMDESK_OIDC_CLIENT_SECRET: CLIENT_SECRET },
    )
    children.push(team.child)
    await idp.configure([team.url])
    idp.users.set('okta-sarah', { email: 'sarah@company.com', email_verified: true, name: 'Sarah J' })
  })

  it('prints the address to open, and follows the server once the person signed in there', async () => {
    const password = await fetch(`${team.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sarah@company.com', password: 'csm-desk-demo' }),
    })
    expect(password.status).toBe(403)

    const desk = await spawnServe(['--db', tempDbPath(), '--upstream', `${team.url}/api`, '--upstream-sso'], {
      CSMDESK_JWT_SECRET: DESK_SECRET,
    })
    children.push(desk.child)
    const printed = output(desk.child, desk.printed)
    const start = (await printed(/sign in to the team server: open (\S+)/))[1]!
    const loopback = new URL(start).searchParams.get('redirect')!
    expect(loopback).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)

    const back = await new ProviderBrowser().signIn(start, 'okta-sarah', loopback)
    const page = await fetch(back)
    expect(await page.text()).toContain('You are signed in to CSM Desk')
    await printed(/signed in to the team server as sarah@company\.com/)

    const onDesk = (path: string) =>
      fetch(`${desk.url}/api${path}`, {
        headers: {
          authorization: `Bearer ${signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, DESK_SECRET)}`,
        },
      }).then((r) => r.json() as Promise<any>)
    expect(await onDesk('/sync/status')).toMatchObject({
      configured: true,
      server: `${team.url}/api`,
      needsSignIn: false,
    })
    // The desk holds Sarah's book from the team server, pulled with the token single sign-on gave it.
    await expect.poll(async () => (await onDesk('/workflows/queue/csm-456')).workflows?.length ?? 0).toBeGreaterThan(0)
    // The same code again, as an attacker who read it from the loopback address would send it.
    const replay = await fetch(`${team.url}/api/auth/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: new URL(back).searchParams.get('code'), verifier: 'x'.repeat(43) }),
    })
    expect(replay.status).toBe(401)
  })

  it('signs a desk in as the desktop app does, and signing out ends the token at the server and names the provider’s sign-out', async () => {
    const desk = await createDeskCore({ dbPath: tempDbPath(), jwtSecret: DESK_SECRET, templatesDir: TEMPLATES_DIR })
    try {
      const opened: string[] = []
      const { token, user } = await desk.sync.loginWithSso(`${team.url}/api`, async (start) => {
        opened.push(start)
        const loopback = new URL(start).searchParams.get('redirect')!
        await fetch(await new ProviderBrowser().signIn(start, 'okta-sarah', loopback))
      })
      expect(opened).toHaveLength(1)
      expect(user).toMatchObject({ id: 'csm-456', role: 'csm' })
      desk.sync.configure(`${team.url}/api`, token, user)
      const me = () => fetch(`${team.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
      expect((await me()).status).toBe(200)
      expect(await desk.sync.endAtServer(token)).toMatch(new RegExp(`^${idp!.issuer}/session/end\\?`))
      expect((await me()).status).toBe(401)
    } finally {
      await desk.close()
    }
  })
})
