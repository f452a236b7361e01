import { describe, expect, it, vi } from 'vitest'
import { createCore } from '../core'
import { TEMPLATES_DIR, contractClock, tempDbPath } from '../core/testing'
import { DesktopSession } from './session'
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
const core = createCore({
  dbPath: tempDbPath(),
  jwtSecret: SECRET,
  clock: contractClock,
  demo: true,
  templatesDir: TEMPLATES_DIR,
})
const noKeychain = { isEncryptionAvailable: () => false, encryptString: () => Buffer.from(''), decryptString: () => '' }
const session = new DesktopSession(new TokenStore(`${tempDbPath()}.token`, noKeychain))
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
})
