import type { Hono } from 'hono'
import { clockFromEnv, type Clock } from './clock'
import { TokenVerifier } from './api/auth'
import { SyncConnection } from './sync/connection'
import { Idempotency } from './api/idempotency'
import { createApi } from './api/router'
import { seedDemo } from './demo/demo'
import { Store } from './store/store'
import { StepContent } from './step-content'
import { TemplateLibrary } from './templates/library'
import { Workflows } from './workflows'

export interface CoreOptions {
  dbPath: string
  jwtSecret: string
  /** resources/templates: every step's Handlebars template, compiled at start. */
  templatesDir: string
  clock?: Clock
  /** Fill an empty database with the demo book of business. */
  demo?: boolean
  nativeBinding?: string
  /** The team server to sync with, and the CSM's token on it. */
  upstream?: { url: string; token: string; intervalSeconds?: number }
  /** Whether the server token may be kept in the database (the headless host; never the desktop). */
  storesServerToken?: boolean
  logError?: (error: unknown) => void
}

export interface Core {
  store: Store
  workflows: Workflows
  content: StepContent
  sync: SyncConnection
  api: Hono
  clock: Clock
  seeded: boolean
  close(): void
}

/** The one core every host builds: store, use-cases and the contract's router. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? clockFromEnv()
  const library = new TemplateLibrary(options.templatesDir)
  const store = new Store(options.dbPath, { nativeBinding: options.nativeBinding, now: () => clock.now() })
  const seeded = options.demo ? seedDemo(store, clock) : false
  const workflows = new Workflows(store, clock)
  const content = new StepContent(workflows, library, clock)
  const sync = new SyncConnection(store, workflows, {
    intervalSeconds: options.upstream?.intervalSeconds ?? 30,
    storesToken: (options.storesServerToken ?? true) && !options.upstream,
  })
  try {
    if (options.upstream) sync.configure(options.upstream.url, options.upstream.token)
    else sync.restore()
  } catch (error) {
    sync.stop()
    store.close()
    throw error
  }
  const api = createApi({
    workflows,
    content,
    sync,
    idempotency: new Idempotency(store),
    verifier: new TokenVerifier(options.jwtSecret),
    logError: options.logError,
  }) as unknown as Hono
  return {
    store,
    workflows,
    content,
    sync,
    api,
    clock,
    seeded,
    close: () => {
      sync.stop()
      store.close()
    },
  }
}
