import { identityFromToken, type User } from '../core/api/auth'
import { ApiError } from '../core/api/errors'
import { DEMO_CSMS } from '../core/demo/demo'
import type { ApiResponse } from '../../src-preload/bridge'
import type { TokenStore } from './token-store'

const DEMO_USER: User = { id: DEMO_CSMS[0]!.id, email: DEMO_CSMS[0]!.email, role: DEMO_CSMS[0]!.role }

const error = (status: number, code: string, message: string): ApiResponse => ({
  status,
  body: { success: false, error: { code, message, details: {} } },
})

export interface SessionDeps {
  tokens: TokenStore
  /** Who the team server says a token belongs to; throws an ApiError when it does not vouch for it. */
  verify: (token: string) => Promise<User>
  /** Signs in at a team server with email and password: its token and who it names. */
  login: (
    serverUrl: string,
    email: string,
    password: string,
    options: { discardDemo?: boolean; newPassword?: string },
  ) => Promise<{ token: string; user: User }>
  /** Signs in through the team server's single sign-on, in the system browser. */
  ssoLogin?: (serverUrl: string, options: { discardDemo?: boolean }) => Promise<{ token: string; user: User }>
  /** Ends the token at the team server, and the provider's session where it supports that. */
  endAtServer?: (token: string) => Promise<void>
  /** Whether the user chose to keep the sign-in on disk without a keyring, and changing that. */
  keepWithoutKeyring: { get(): boolean; set(keep: boolean): Promise<void> }
  /** Whether reminders are on (the default), and turning them off or on. */
  reminders?: { get(): boolean; set(on: boolean): Promise<void> }
}

/**
 * The signed-in user of the desktop app. Without a sign-in the app works on the local demo
 * book as its demo CSM; signing in stores the server token (encrypted) and switches the user.
 * A token counts only once the team server has vouched for it; its claims alone are for display.
 * The renderer reaches this through the one IPC entry point, under /session.
 */
export class DesktopSession {
  private user: User = DEMO_USER
  private notice: string | null = null

  constructor(private readonly deps: SessionDeps) {}

  /** At start: the token kept with safeStorage, which holds only tokens the server vouched for. */
  async restore(): Promise<void> {
    const loaded = await this.deps.tokens.load()
    if (loaded.status === 'ok') this.user = identityFromToken(loaded.token) ?? DEMO_USER
    if (loaded.status === 'locked')
      this.notice = 'Your keychain is locked or unavailable, so your sign-in could not be read. Unlock it and restart.'
    if (loaded.status === 'unreadable')
      this.notice = 'Your saved sign-in could not be read on this computer; sign in again.'
  }

  current(): User {
    return this.user
  }

  /** The stored server token, if any (decrypted on demand, never kept in the renderer). */
  async token(): Promise<string | null> {
    const loaded = await this.deps.tokens.load()
    return loaded.status === 'ok' ? loaded.token : null
  }

  /** Keeps a token the server has just vouched for (on connect) and switches to its user. */
  async adopt(token: string, user: User): Promise<void> {
    await this.deps.tokens.save(token)
    this.user = user
    this.notice = null
  }

  async signOut(): Promise<void> {
    const token = await this.token()
    // Best effort: an unreachable server only means that token runs out on its own.
    if (token) await this.deps.endAtServer?.(token).catch(() => undefined)
    await this.deps.tokens.clear()
    this.user = DEMO_USER
  }

  async handle(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown): Promise<ApiResponse> {
    const { tokens, keepWithoutKeyring } = this.deps
    if (method === 'GET' && path === '/session') {
      return {
        status: 200,
        body: {
          success: true,
          user: this.user,
          notice: this.notice,
          warning: await tokens.warning(),
          noKeyring: tokens.weak(),
          keepWithoutKeyring: keepWithoutKeyring.get(),
          reminders: this.deps.reminders?.get() ?? false,
        },
      }
    }
    if (method === 'POST' && path === '/session' && body && typeof body === 'object' && 'password' in body) {
      const { serverUrl, email, password, discardDemo, newPassword } = body as Record<string, unknown>
      if (typeof serverUrl !== 'string' || typeof email !== 'string' || typeof password !== 'string' || !password)
        return error(400, 'VALIDATION_ERROR', 'Give the team server, your email and your password.')
      if (newPassword !== undefined && typeof newPassword !== 'string')
        return error(400, 'VALIDATION_ERROR', 'The new password must be text.')
      try {
        const { token, user } = await this.deps.login(serverUrl, email, password, {
          discardDemo: discardDemo === true,
          newPassword: newPassword || undefined,
        })
        await this.adopt(token, user)
      } catch (failure) {
        if (failure instanceof ApiError) return { status: failure.status, body: failure.toBody() }
        return error(500, 'SERVER_ERROR', (failure as Error).message)
      }
      return { status: 200, body: { success: true, user: this.user } }
    }
    if (method === 'POST' && path === '/session' && body && typeof body === 'object' && 'sso' in body) {
      const { serverUrl, discardDemo } = body as Record<string, unknown>
      if (typeof serverUrl !== 'string' || !serverUrl.trim() || !this.deps.ssoLogin)
        return error(400, 'VALIDATION_ERROR', 'Give the team server to sign in at.')
      try {
        const { token, user } = await this.deps.ssoLogin(serverUrl.trim(), { discardDemo: discardDemo === true })
        await this.adopt(token, user)
      } catch (failure) {
        if (failure instanceof ApiError) return { status: failure.status, body: failure.toBody() }
        return error(500, 'SERVER_ERROR', (failure as Error).message)
      }
      return { status: 200, body: { success: true, user: this.user } }
    }
    if (method === 'POST' && path === '/session') {
      const token = (body as { token?: unknown } | undefined)?.token
      if (typeof token !== 'string' || !token.trim())
        return error(400, 'VALIDATION_ERROR', 'That is not a valid, unexpired sign-in token.')
      try {
        await this.adopt(token.trim(), await this.deps.verify(token.trim()))
      } catch (failure) {
        if (failure instanceof ApiError) return { status: failure.status, body: failure.toBody() }
        return error(500, 'SERVER_ERROR', (failure as Error).message)
      }
      return { status: 200, body: { success: true, user: this.user } }
    }
    if (method === 'POST' && path === '/session/sign-out') {
      await this.signOut()
      return { status: 200, body: { success: true, user: this.user } }
    }
    if (method === 'POST' && path === '/session/keep-without-keyring') {
      const keep = (body as { keep?: unknown } | undefined)?.keep
      if (typeof keep !== 'boolean') return error(400, 'VALIDATION_ERROR', 'keep must be true or false.')
      await keepWithoutKeyring.set(keep)
      const token = await this.token()
      if (token) await tokens.save(token) // moves it to disk, or back to memory only
      return { status: 200, body: { success: true, keepWithoutKeyring: keep } }
    }
    if (method === 'POST' && path === '/session/reminders' && this.deps.reminders) {
      const on = (body as { on?: unknown } | undefined)?.on
      if (typeof on !== 'boolean') return error(400, 'VALIDATION_ERROR', 'on must be true or false.')
      await this.deps.reminders.set(on)
      return { status: 200, body: { success: true, reminders: on } }
    }
    return error(404, 'NOT_FOUND', `No such endpoint: ${method} ${path}`)
  }
}
