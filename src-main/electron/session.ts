import { identityFromToken, type User } from '../core/api/auth'
import { DEMO_CSMS } from '../core/demo/demo'
import type { ApiResponse } from '../../src-preload/bridge'
import type { TokenStore } from './token-store'

const DEMO_USER: User = { id: DEMO_CSMS[0]!.id, email: DEMO_CSMS[0]!.email, role: DEMO_CSMS[0]!.role }

const error = (status: number, code: string, message: string): ApiResponse => ({
  status,
  body: { success: false, error: { code, message, details: {} } },
})

/**
 * The signed-in user of the desktop app. Without a sign-in the app works on the local demo
 * book as its demo CSM; signing in stores the server token (encrypted) and switches the user.
 * The renderer reaches this through the one IPC entry point, under /session.
 */
export class DesktopSession {
  private user: User = DEMO_USER
  private notice: string | null = null

  constructor(private readonly tokens: TokenStore) {}

  async restore(): Promise<void> {
    const loaded = await this.tokens.load()
    if (loaded.status === 'ok') this.user = identityFromToken(loaded.token) ?? DEMO_USER
    if (loaded.status === 'unreadable')
      this.notice = 'Your saved sign-in could not be read on this computer; sign in again.'
  }

  current(): User {
    return this.user
  }

  /** The stored server token, if any (decrypted on demand, never kept in the renderer). */
  async token(): Promise<string | null> {
    const loaded = await this.tokens.load()
    return loaded.status === 'ok' ? loaded.token : null
  }

  async handle(method: 'GET' | 'POST', path: string, body: unknown): Promise<ApiResponse> {
    if (method === 'GET' && path === '/session') {
      return {
        status: 200,
        body: { success: true, user: this.user, notice: this.notice, warning: this.tokens.warning() },
      }
    }
    if (method === 'POST' && path === '/session') {
      const token = (body as { token?: unknown } | undefined)?.token
      const user = typeof token === 'string' ? identityFromToken(token) : null
      if (!user || typeof token !== 'string')
        return error(400, 'VALIDATION_ERROR', 'That is not a valid, unexpired sign-in token.')
      try {
        await this.tokens.save(token.trim())
      } catch (failure) {
        return error(500, 'SERVER_ERROR', (failure as Error).message)
      }
      this.user = user
      this.notice = null
      return { status: 200, body: { success: true, user } }
    }
    if (method === 'POST' && path === '/session/sign-out') {
      await this.tokens.clear()
      this.user = DEMO_USER
      return { status: 200, body: { success: true, user: this.user } }
    }
    return error(404, 'NOT_FOUND', `No such endpoint: ${method} ${path}`)
  }
}
