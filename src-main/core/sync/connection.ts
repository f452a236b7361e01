import { deskSignIn } from '../sso/desk-sign-in'
import { identityFromToken, type User } from '../api/auth'
import { ApiError, ERROR_STATUS, type ErrorCode } from '../api/errors'
import { isLoopback } from '../loopback'
import type { SqliteDb } from '../store/sqlite-db'
import type { Store } from '../store/store'
import type { Workflows } from '../workflows'
import type { AuditAction } from '../team/types'
import { SyncEngine } from './engine'
import { NetworkError, Remote } from './remote'
import type { TokenSeal } from './sealed-token'

export interface SyncConnectionOptions {
  intervalSeconds: number
  /**
   * Whether the server token may be kept in this database (the headless host). The desktop app
   * keeps it with safeStorage, so its core can never store it, whatever asks.
   */
  storesToken: boolean
  /** Encrypts the token kept in the database. */
  seal: TokenSeal
}

/** The server URL, checked: https, or http on this machine only (a token must never cross a network in the clear). */
export function checkServerUrl(serverUrl: string): string {
  let url: URL
  try {
    url = new URL(serverUrl)
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'The server URL is not a URL', { fields: { serverUrl: 'is not a URL' } })
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ApiError('VALIDATION_ERROR', 'The server URL must start with https:// (http:// only for this computer)', {
      fields: { serverUrl: 'must be https (http only for localhost)' },
    })
  }
  return url.href.replace(/\/$/, '')
}

/** The team server's refusal, as this host's own error (an unknown code is a server error). */
function remoteRefusal(error: { code?: string; message?: string; details?: object } | undefined, fallback: string) {
  const code = error?.code as ErrorCode | undefined
  if (!code || !(code in ERROR_STATUS)) return new ApiError('SERVER_ERROR', fallback)
  return new ApiError(code, error?.message ?? fallback, { ...(error?.details as Record<string, unknown>) })
}

/** A body in the contract's shape: { success: true, ... } or { success: false, error: { code } }. */
function isContractAnswer(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false
  const { success, error } = body as { success?: unknown; error?: { code?: unknown } }
  return success === true || (success === false && typeof error?.code === 'string')
}

/**
 * Whether, and with which server and CSM, this database syncs. Once a database has synced, its
 * changes keep being recorded in the outbox, signed in or not, so nothing waits unrecorded.
 */
/** The demo book's first account: a desk that has it holds the demo. */
const DEMO_MARK = 'cust-123'

export class SyncConnection {
  engine: SyncEngine | null = null
  private readonly store: Store

  constructor(
    private readonly db: SqliteDb,
    private readonly workflows: Workflows,
    private readonly options: SyncConnectionOptions,
  ) {
    this.store = db.store
  }

  /** At start: the server and token this database was last connected with (headless host). */
  restore(): void {
    const user = this.store.syncValue('user')
    if (!user) return
    this.ensureEngine(JSON.parse(user) as User)
    const url = this.store.syncValue('serverUrl')
    const stored = this.options.storesToken ? this.store.syncValue('token') : undefined
    const token = stored ? this.options.seal.open(stored) : undefined
    if (url && token && identityFromToken(token)) this.engine!.connect(new Remote(url, () => token))
    else this.engine!.signOut()
  }

  private ensureEngine(user: User): SyncEngine {
    if (this.engine) return this.engine
    const name = this.store.csm(user.id)?.name ?? user.email
    this.engine = new SyncEngine(this.db, this.workflows, { ...user, name })
    this.engine.start(this.options.intervalSeconds)
    return this.engine
  }

  /**
   * Who the team server says this token belongs to. The token's own claims are not proof (they
   * are not checked here, the server's secret is not ours): only the server's answer is.
   */
  async verify(serverUrl: string, token: string): Promise<User> {
    const claims = identityFromToken(token)
    if (!claims)
      throw new ApiError('VALIDATION_ERROR', 'That is not a valid, unexpired token', {
        fields: { token: 'is not a valid, unexpired JWT' },
      })
    const unreachable = () =>
      new ApiError('VALIDATION_ERROR', 'The team server could not be reached; connect when it is reachable', {
        fields: { serverUrl: 'could not be reached' },
      })
    let answer
    try {
      answer = await new Remote(checkServerUrl(serverUrl), () => token).request('GET', '/me', { maxBytes: 64 * 1024 })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      throw unreachable()
    }
    // Whatever does not answer as a team server does is "unreachable": open and closed ports look alike.
    if (!isContractAnswer(answer.body)) throw unreachable()
    const me = (answer.body as { user?: Partial<User> } | undefined)?.user
    if (answer.status !== 200 || me?.id !== claims.id || (me.role !== 'csm' && me.role !== 'admin')) {
      throw new ApiError('VALIDATION_ERROR', 'The team server did not accept this token', {
        fields: { token: 'was not accepted by the team server' },
      })
    }
    return { id: me.id, email: me.email ?? claims.email, role: me.role }
  }

  /** Marks the demo book as seeded here, with how much work it held then. */
  markDemo(): void {
    this.store.setSyncValue('demo', String(this.store.workDone()))
  }

  /**
   * The demo book never mixes with the team's data: the first connection to a team server
   * removes it. When the CSM did work in it, they must say so (discardDemo) or nothing happens.
   */
  private async leaveDemo(discardDemo: boolean): Promise<void> {
    if (this.store.syncValue('serverUrl')) return
    // A desk seeded before the demo was marked: its Acme tells, and how much was done is unknown.
    const seededWith = this.store.syncValue('demo') ?? (this.store.customer(DEMO_MARK) ? '0' : undefined)
    if (seededWith === undefined) return
    const work = this.store.workDone() - Number(seededWith)
    if (work > 0 && !discardDemo) {
      throw new ApiError(
        'DEMO_HAS_WORK',
        'You worked in the demo book. Connecting to your team server removes it, with that work; confirm to go on.',
        { work },
      )
    }
    await this.db.write(async () => {
      this.store.clearBook()
      this.store.db.prepare("DELETE FROM sync_state WHERE key = 'demo'").run()
    })
  }

  /**
   * Signs in at a team server with email and password; answers the token and who it names once
   * the server vouched for it, and remembers the server. The password goes nowhere else.
   */
  async login(
    serverUrl: string,
    email: string,
    password: string,
    options: { discardDemo?: boolean; newPassword?: string } = {},
  ): Promise<{ token: string; user: User }> {
    const url = checkServerUrl(serverUrl)
    let answer
    try {
      answer = await new Remote(url, () => null).request('POST', '/auth/login', { body: { email, password } })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      throw new ApiError('VALIDATION_ERROR', `${error.message}; sign in when it is reachable`, {
        fields: { serverUrl: 'could not be reached' },
      })
    }
    const body = answer.body as
      { token?: string; mustChangePassword?: boolean; error?: { code?: string; message?: string } } | undefined
    if (answer.status !== 200 || !body?.token) {
      const code = body?.error?.code === 'RATE_LIMITED' ? 'RATE_LIMITED' : 'UNAUTHORIZED'
      throw new ApiError(code, body?.error?.message ?? `The team server refused the sign-in (${answer.status})`)
    }
    let token = body.token
    if (body.mustChangePassword) token = await this.replaceTemporary(url, token, password, options.newPassword)
    const user = await this.verify(url, token)
    await this.leaveDemo(options.discardDemo ?? false)
    this.store.setSyncValue('serverUrl', url) // configure, once the token is kept, writes the user
    return { token, user }
  }

  /**
   * Signs in at a team server through its single sign-on, in the system browser (`open` shows the
   * start URL); answers the token and whom it names once the server vouched for it, as `login` does.
   */
  async loginWithSso(
    serverUrl: string,
    open: (url: string) => void | Promise<void>,
    options: { discardDemo?: boolean } = {},
  ): Promise<{ token: string; user: User }> {
    const url = checkServerUrl(serverUrl)
    const { token } = await deskSignIn(url, open)
    const user = await this.verify(url, token)
    await this.leaveDemo(options.discardDemo ?? false)
    this.store.setSyncValue('serverUrl', url)
    return { token, user }
  }

  /**
   * Ends a token at the team server this desk follows; answers where the browser may end the
   * provider's session too (single sign-on), when the server says so with an address fit to open.
   */
  async endAtServer(token: string): Promise<string | null> {
    const url = this.store.syncValue('serverUrl')
    if (!url) return null
    const answer = await new Remote(url, () => token).request('POST', '/auth/logout', { body: {} })
    const next = (answer.body as { providerLogoutUrl?: unknown } | undefined)?.providerLogoutUrl
    if (typeof next !== 'string' || !URL.canParse(next)) return null
    const { protocol, hostname } = new URL(next)
    return protocol === 'https:' || (protocol === 'http:' && isLoopback(hostname)) ? next : null
  }

  /** A temporary password is changed on the server before the desk goes on; the new token is the one kept. */
  private async replaceTemporary(url: string, token: string, current: string, next?: string): Promise<string> {
    if (!next) throw new ApiError('PASSWORD_CHANGE_REQUIRED', 'Your password is temporary: choose your own to go on')
    const answer = await new Remote(url, () => token)
      .request('POST', '/auth/password', { body: { currentPassword: current, newPassword: next } })
      .catch(() => {
        throw new ApiError('VALIDATION_ERROR', 'The team server could not be reached; sign in when it is reachable', {
          fields: { serverUrl: 'could not be reached' },
        })
      })
    const reply = answer.body as { token?: unknown; error?: { code?: string; message?: string; details?: object } }
    if (answer.status === 200 && typeof reply?.token === 'string') return reply.token
    throw remoteRefusal(reply?.error, 'The team server did not change the password')
  }

  /** Connects to a server with a CSM's token after the server has vouched for it. */
  async connect(
    serverUrl: string,
    token: string,
    options: { discardDemo?: boolean; actor?: User } = {},
  ): Promise<User> {
    const user = await this.verify(serverUrl, token)
    await this.leaveDemo(options.discardDemo ?? false)
    this.configure(serverUrl, token, user, options.actor ?? user)
    return user
  }

  /**
   * Connects with a token from a trusted place: the command line of the host, or the desktop's
   * safeStorage (which holds only tokens the server vouched for).
   */
  configure(
    serverUrl: string,
    token: string,
    user: User | null = identityFromToken(token),
    actor: { id: string | null; email: string } = user ?? { id: null, email: 'unknown' },
  ): void {
    const url = checkServerUrl(serverUrl)
    if (!user)
      throw new ApiError('VALIDATION_ERROR', 'That is not a valid, unexpired token', {
        fields: { token: 'is not a valid, unexpired JWT' },
      })
    if (this.engine && this.engine.user.id !== user.id) {
      throw new ApiError('VALIDATION_ERROR', `This database syncs for ${this.engine.user.id}; sign in as that CSM`, {
        fields: { token: `must be ${this.engine.user.id}'s` },
      })
    }
    const known = this.store.syncValue('user')
    const reconnect = this.store.syncValue('serverUrl') === url && !!known && (JSON.parse(known) as User).id === user.id
    this.store.transaction(() => {
      this.store.setSyncValue('user', JSON.stringify(user))
      this.store.setSyncValue('serverUrl', url)
      this.store.ensureUser(user)
      if (this.options.storesToken) this.store.setSyncValue('token', this.options.seal.seal(token))
      if (!reconnect) this.audit(actor, 'sync-connected', { serverUrl: url, user: user.id })
    })
    this.ensureEngine(user).connect(new Remote(url, () => token))
  }

  /**
   * A desk's user changes their password on the team server, which ends their other tokens; the
   * desk goes on with the new one the server answers. The server's refusal comes back as it is.
   */
  async changePassword(user: User, body: unknown): Promise<{ success: true; token: string }> {
    const url = this.store.syncValue('serverUrl')
    if (!this.engine || !url || this.engine.user.id !== user.id)
      throw new ApiError('FORBIDDEN', 'Only the CSM this desk syncs for can change their password here')
    const answer = await this.engine.forward('POST', '/auth/password', undefined, body ?? {})
    const reply = answer.body as { token?: unknown; error?: { code?: string; message?: string; details?: object } }
    if (answer.status !== 200 || typeof reply?.token !== 'string')
      throw remoteRefusal(reply?.error, 'The team server did not change the password')
    this.configure(url, reply.token, user)
    return { success: true, token: reply.token }
  }

  signOut(actor?: { id: string | null; email: string }): void {
    this.store.transaction(() => {
      this.store.setSyncValue('token', '')
      if (actor) this.audit(actor, 'sync-signed-out', { serverUrl: this.store.syncValue('serverUrl') ?? null })
    })
    this.engine?.signOut()
  }

  private audit(actor: { id: string | null; email: string }, action: AuditAction, details: Record<string, unknown>) {
    this.store.recordAudit({
      at: new Date().toISOString(),
      actor_id: actor.id,
      actor_email: actor.email,
      action,
      subject: null,
      reason: null,
      details_json: JSON.stringify(details),
    })
  }

  stop(): void {
    this.engine?.stop()
  }

  /** Stops, and waits for a sync under way to end, so the database can close under no one. */
  async close(): Promise<void> {
    this.engine?.stop()
    await this.engine?.idle()
  }
}
