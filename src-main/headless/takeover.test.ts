import type { ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import { DEMO_PASSWORD } from '../core/demo/demo'
import { tempDbPath } from '../core/testing'
import { spawnServe } from './spawn-serve'

// A CSM of a host that serves the team tries to repoint it at a server of their own.
const SECRET = 'the-team-hosts-own-secret-long-enough'
const children: ChildProcess[] = []
let rogue: Server
let rogueUrl: string
let rogueRequests = 0

beforeAll(async () => {
  // Answers /api/me the way a team server would, naming Marcus an admin.
  rogue = createServer((request, response) => {
    rogueRequests++
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ success: true, user: { id: 'csm-101', email: 'marcus@company.com', role: 'admin' } }))
  })
  await new Promise<void>((done) => rogue.listen(0, '127.0.0.1', done))
  rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}/api`
})

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rogue.close()
})

async function serve(args: string[]) {
  const started = await spawnServe(args, { CSMDESK_JWT_SECRET: SECRET, CSMDESK_NOW: '2025-12-28T14:00:00Z' })
  children.push(started.child)
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${started.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const login = async (email: string) => {
    const answer = await call('POST', '/auth/login', undefined, { email, password: DEMO_PASSWORD })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body.token as string
  }
  return { call, login }
}

describe('a host that serves a team', () => {
  it('refuses a CSM who repoints it at another server: 403, nothing asked of that server, the book intact', async () => {
    const host = await serve(['--db', tempDbPath(), '--demo'])
    const marcus = await host.login('marcus@company.com')
    const alex = await host.login('alex@company.com')
    const before = (await host.call('GET', '/admin/team', alex)).body

    const madeUp = signToken(
      { id: 'csm-101', email: 'marcus@company.com', role: 'admin' },
      'any-secret-of-his-own-choice',
    )
    const attempt = await host.call('POST', '/sync/config', marcus, {
      serverUrl: rogueUrl,
      token: madeUp,
      discardDemo: true,
    })
    expect(attempt.status).toBe(403)
    expect(attempt.body.error.code).toBe('FORBIDDEN')
    expect(rogueRequests).toBe(0)

    expect((await host.call('GET', '/me', marcus)).body.user.role).toBe('csm')
    expect((await host.call('GET', '/sync/status', marcus)).body).toMatchObject({
      configured: false,
      canConnect: false,
    })
    const after = (await host.call('GET', '/admin/team', await host.login('alex@company.com'))).body
    expect(after.totals).toEqual(before.totals)
    expect((await host.call('GET', '/workflows/queue/csm-456', await host.login('sarah@company.com'))).status).toBe(200)
    // An admin cannot repoint it either: only whoever runs it, with --upstream.
    expect((await host.call('POST', '/sync/config', alex, { serverUrl: rogueUrl, token: madeUp })).status).toBe(403)
    expect(rogueRequests).toBe(0)
  })
})
