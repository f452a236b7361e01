import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import { ApiError } from '../api/errors'
import type { Host } from '../../headless/host'
import { startTestHost } from '../../headless/testing'
import { demoUser, testCore } from '../testing'
import { checkServerUrl } from './connection'
import { hashPassword } from '../auth/passwords'
import { resetPassword } from '../team/users'

const SERVER_SECRET = 'the-team-servers-secret-long-enough'
let server: Host
let TEMP_HASH: string

beforeAll(async () => {
  server = await startTestHost({ jwtSecret: SERVER_SECRET })
  TEMP_HASH = await hashPassword('temporary-secret-1')
})
afterAll(() => server.close())

function failure(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('checkServerUrl', () => {
  it('takes https anywhere, and http only to this computer', async () => {
    expect(checkServerUrl('https://desk.example.com/api/')).toBe('https://desk.example.com/api')
    expect(checkServerUrl('http://127.0.0.1:3000/api')).toBe('http://127.0.0.1:3000/api')
    expect(checkServerUrl('http://localhost:3000/api')).toBe('http://localhost:3000/api')
  })

  it('refuses plain http across a network, other schemes and non-URLs, naming the field', async () => {
    for (const url of ['http://desk.example.com/api', 'http://10.0.0.5/api', 'ftp://x', 'not a url']) {
      expect(failure(() => checkServerUrl(url)).details).toMatchObject({ fields: { serverUrl: expect.any(String) } })
    }
  })
})

describe('SyncConnection.verify', () => {
  const core = () => testCore({ demo: false })

  it('takes the user the team server names for a token it signed', async () => {
    const token = signToken(demoUser('csm-456'), SERVER_SECRET)
    expect(await (await core()).sync!.verify(`${server.url}/api`, token)).toEqual(demoUser('csm-456'))
  })

  it('refuses a token the server did not sign, whatever it claims, and an unreachable server', async () => {
    const forged = signToken(demoUser('admin-1'), 'not-the-servers-secret-at-all')
    await expect((await core()).sync!.verify(`${server.url}/api`, forged)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { fields: { token: 'was not accepted by the team server' } },
    })
    const token = signToken(demoUser('csm-456'), SERVER_SECRET)
    await expect((await core()).sync!.verify('http://127.0.0.1:9/api', token)).rejects.toMatchObject({
      details: { fields: { serverUrl: 'could not be reached' } },
    })
  })
})

describe('what a desk asks of a server it connects to', () => {
  let odd: ReturnType<typeof createServer>
  let base: string
  const asked: string[] = []
  beforeAll(async () => {
    // A server that redirects, answers too much, or is not a team server at all.
    odd = createServer((request, response) => {
      asked.push(request.url ?? '')
      if (request.url?.startsWith('/redirect/')) {
        response.writeHead(307, { location: `${server.url}/api/me` }).end()
      } else if (request.url?.startsWith('/huge/')) {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ success: true, user: demoUser('csm-456'), pad: 'x'.repeat(200_000) }))
      } else {
        response.setHeader('content-type', 'text/html')
        response.end('<html>a router admin page</html>')
      }
    })
    await new Promise<void>((done) => odd.listen(0, '127.0.0.1', done))
    base = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`
  })
  afterAll(() => odd.close())

  const token = () => signToken(demoUser('csm-456'), SERVER_SECRET)
  const refusal = async (url: string) => {
    try {
      await (await testCore({ demo: false })).sync!.verify(url, token())
    } catch (error) {
      return error as ApiError
    }
    throw new Error('expected a refusal')
  }

  it('follows no redirect, even to the real server, and reads no answer past its cap', async () => {
    expect((await refusal(`${base}/redirect/api`)).details).toEqual({ fields: { serverUrl: 'could not be reached' } })
    expect((await refusal(`${base}/huge/api`)).details).toEqual({ fields: { serverUrl: 'could not be reached' } })
    expect(asked).toContain('/redirect/api/me')
  })

  it('says the same for a closed port and an open one that is no team server', async () => {
    const closed = await refusal('http://127.0.0.1:9/api')
    const open = await refusal(`${base}/api`)
    expect(open.message).toBe(closed.message)
    expect(open.details).toEqual(closed.details)
  })
})

describe('a temporary password on the team server', () => {
  it('is replaced on the way in from a desk, and a desk changes its user’s password there', async () => {
    const reset = await server.core.db.write((tx) =>
      resetPassword(tx, demoUser('admin-1'), new Date(), 'csm-101', { text: 'temporary-secret-1', hash: TEMP_HASH }),
    )
    const desk = await testCore({ demo: false })
    const url = `${server.url}/api`
    await expect(desk.sync!.login(url, 'marcus@company.com', reset.temporaryPassword)).rejects.toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
    })
    await expect(
      desk.sync!.login(url, 'marcus@company.com', reset.temporaryPassword, { newPassword: 'short' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { fields: { newPassword: expect.any(String) } } })
    const { token, user } = await desk.sync!.login(url, 'marcus@company.com', reset.temporaryPassword, {
      newPassword: 'marcus-own-long-password',
    })
    expect(user.id).toBe('csm-101')
    desk.sync!.configure(url, token, user)
    // Now Marcus changes it again from the desk: the server answers the desk a new token, and it goes on.
    await desk.sync!.changePassword(user, {
      currentPassword: 'marcus-own-long-password',
      newPassword: 'marcus-newer-long-password',
    })
    expect((await desk.sync!.engine!.sync()).online).toBe(true)
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'marcus@company.com', password: 'marcus-newer-long-password' }),
    })
    expect(login.status).toBe(200)
    await expect(desk.sync!.changePassword(demoUser('csm-456'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await desk.close()
  })
})
