import { identityFromToken, type User } from '../api/auth'
import { ApiError } from '../api/errors'
import type { Store } from '../store/store'
import type { Workflows } from '../workflows'
import { SyncEngine } from './engine'
import { Remote } from './remote'

/**
 * Whether, and with which server and CSM, this database syncs. Once a database has synced, its
 * changes keep being recorded in the outbox, signed in or not, so nothing waits unrecorded.
 */
export class SyncConnection {
  engine: SyncEngine | null = null

  constructor(
    private readonly store: Store,
    private readonly workflows: Workflows,
    private readonly intervalSeconds: number,
  ) {}

  /** At start: the server and token this database was last connected with (headless host). */
  restore(): void {
    const user = this.store.syncValue('user')
    if (!user) return
    this.ensureEngine(JSON.parse(user) as User)
    const url = this.store.syncValue('serverUrl')
    const token = this.store.syncValue('token')
    if (url && token && identityFromToken(token)) this.engine!.connect(new Remote(url, () => token))
    else this.engine!.signOut()
  }

  private ensureEngine(user: User): SyncEngine {
    if (this.engine) return this.engine
    const name = this.store.csm(user.id)?.name ?? user.email
    this.engine = new SyncEngine(this.store, this.workflows, { ...user, name })
    this.engine.start(this.intervalSeconds)
    return this.engine
  }

  /**
   * Connects to a server with a CSM's token. `persist` keeps the token in this database (the
   * headless host); the desktop app keeps it with safeStorage instead and passes false.
   */
  configure(serverUrl: string, token: string, options: { persist: boolean }): void {
    let url: URL
    try {
      url = new URL(serverUrl)
    } catch {
      throw new ApiError('VALIDATION_ERROR', 'The server URL is not a URL', { fields: { serverUrl: 'is not a URL' } })
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ApiError('VALIDATION_ERROR', 'The server URL must start with http:// or https://', {
        fields: { serverUrl: 'must be http(s)' },
      })
    }
    const user = identityFromToken(token)
    if (!user)
      throw new ApiError('VALIDATION_ERROR', 'That is not a valid, unexpired token', {
        fields: { token: 'is not a valid, unexpired JWT' },
      })
    if (this.engine && this.engine.user.id !== user.id) {
      throw new ApiError('VALIDATION_ERROR', `This database syncs for ${this.engine.user.id}; sign in as that CSM`, {
        fields: { token: `must be ${this.engine.user.id}'s` },
      })
    }
    this.store.setSyncValue('user', JSON.stringify(user))
    this.store.setSyncValue('serverUrl', url.href.replace(/\/$/, ''))
    if (options.persist) this.store.setSyncValue('token', token)
    this.ensureEngine(user).connect(new Remote(url.href.replace(/\/$/, ''), () => token))
  }

  signOut(): void {
    this.store.setSyncValue('token', '')
    this.engine?.signOut()
  }

  stop(): void {
    this.engine?.stop()
  }
}
