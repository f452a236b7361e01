import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { createDeskCore } from '../core'
import { TEMPLATES_DIR, contractClock, demoUser, tempDbPath } from '../core/testing'
import { DesktopSession } from './session'
import { ApiError } from '../core/api/errors'
import { signToken } from '../core/api/auth'
import { startTestHost } from '../headless/testing'
import { fakeSafeStorage } from './fake-safe-storage'
import { TokenStore } from './token-store'

const handlers = vi.hoisted(() => new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>())
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
      handlers.set(channel, handler),
  },
}))

const { API_CHANNEL, registerApi } = await import('./ipc')

const SECRET = 'main-process-secret-long-enough'
const SERVER_SECRET = 'the-team-servers-secret-long-enough'
const dbPath = tempDbPath()
const core = await createDeskCore({
  dbPath,
  jwtSecret: SECRET,
  clock: contractClock,
  demo: true,
  templatesDir: TEMPLATES_DIR,
  storesServerToken: false,
})
const session = new DesktopSession({
  tokens: new TokenStore(`${tempDbPath()}.token`, fakeSafeStorage('unknown', false)),
  verify: async () => {
    throw new ApiError('UNAUTHORIZED', 'not in this test')
  },
  login: async () => {
    throw new ApiError('UNAUTHORIZED', 'not in this test')
  },
  keepWithoutKeyring: { get: () => false, set: async () => {} },
})
registerApi(core, session, SECRET)
const from = (url: string) => ({ senderFrame: { url } })

describe('the one IPC entry point', () => {
  it("answers the app's own frame through the core, signed for the current user", async () => {
    const answer = (await handlers.get(API_CHANNEL)!(from('app://desk/index.html'), {
      method: 'GET',
      path: '/workflows/queue/csm-456',
    })) as any
    expect(answer.status).toBe(200)
    expect(answer.body.workflows[0].workflow.priorityScore).toBe(287)
  })

  it("routes an import with its file and options to the core's route, which refuses a CSM (the desk's user here)", async () => {
    const answer = (await handlers.get(API_CHANNEL)!(from('app://desk/index.html'), {
      method: 'POST',
      path: '/admin/import',
      query: { kind: 'xlsx' },
      file: 'external_id\n1',
    })) as any
    expect(answer).toEqual({
      status: 403,
      body: expect.objectContaining({ error: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    })
  })

  it('refuses any other sender, and malformed messages', async () => {
    const handle = handlers.get(API_CHANNEL)!
    await expect(handle(from('https://evil.example/'), { method: 'GET', path: '/me' })).rejects.toThrow(/sender/)
    await expect(handle({ senderFrame: null }, { method: 'GET', path: '/me' })).rejects.toThrow(/sender/)
    await expect(handle(from('app://desk/'), { method: 'DELETE', path: '/me' })).rejects.toThrow(/method/)
  })

  it('answers /session in main, never handing the renderer a token', async () => {
    const answer = (await handlers.get(API_CHANNEL)!(from('app://desk/'), { method: 'GET', path: '/session' })) as any
    expect(answer.body.user).toEqual({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' })
    expect(JSON.stringify(answer)).not.toMatch(/eyJ/)
  })

  it('connects sync in main, never stores the server token in the database, and signs sync out itself', async () => {
    const server = await startTestHost({ jwtSecret: SERVER_SECRET })
    try {
      const handle = handlers.get(API_CHANNEL)!
      const serverToken = signToken(demoUser('csm-456'), SERVER_SECRET)
      const body = { serverUrl: `${server.url}/api`, token: serverToken }
      for (const path of ['/sync/./config', '/%2e%2e/api/sync/config', '/sync/%63onfig', '/sync//config']) {
        await expect(handle(from('app://desk/'), { method: 'POST', path, body })).rejects.toThrow(/path/)
      }
      const connected = (await handle(from('app://desk/'), { method: 'POST', path: '/sync/config', body })) as any
      expect(connected.body).toMatchObject({ configured: true, online: true })
      // Even the core's own route, reached directly, cannot put the token in the database.
      const direct = await core.api.fetch(
        new Request('http://desk.local/api/sync/config', {
          method: 'POST',
          headers: { authorization: `Bearer ${signToken(demoUser('csm-456'), SECRET)}` },
          body: JSON.stringify(body),
        }),
      )
      expect(direct.status).toBe(200)
      expect(core.store.syncValue('token') ?? '').toBe('')
      expect(readFileSync(dbPath).includes(serverToken)).toBe(false)

      const signedOut = (await handle(from('app://desk/'), { method: 'POST', path: '/sync/sign-out' })) as any
      expect(signedOut).toMatchObject({ status: 200, body: { needsSignIn: true, server: null } })
      expect(core.sync.engine!.status()).toMatchObject({ needsSignIn: true, server: null })
    } finally {
      await server.close()
    }
  })
})
