import type { FirstSyncLimits } from './api/gate'
import type { Hono } from 'hono'
import { clockFromEnv, type Clock } from './clock'
import { TokenVerifier } from './api/auth'
import { ApiError } from './api/errors'
import { SyncConnection } from './sync/connection'
import { tokenSeal } from './sync/sealed-token'
import { Idempotency } from './api/idempotency'
import { EventHub } from './events/hub'
import { createApi } from './app'
import { seedDemo } from './demo/demo'
import type { Db } from './store/db'
import { isPostgresUrl, openDb } from './store/open'
import { SqliteDb } from './store/sqlite-db'
import type { Store } from './store/store'
import { StepContent } from './step-content'
import { TemplateLibrary } from './templates/library'
import { Workflows } from './workflows'
import { Tasks } from './tasks/tasks'
import { RenewalPlanner } from './planner/planner'
import { Accounts } from './auth/accounts'
import { AUDIT_RETENTION_DAYS, pruneAudit } from './team/audit'
import { SingleSignOn } from './sso/sign-in'
import { Health } from './health/health'
import { openPlaybooks } from './playbooks/open'
import { PlaybookEditor } from './playbooks/editing'
import type { RelyingPartyOptions } from './sso/relying-party'
import type { OidcSettings, PasswordSignIn } from './sso/types'

export interface CoreOptions {
  /** A SQLite file, or a PostgreSQL URL (postgres://user:pass@host:port/db) for a team server. */
  dbPath: string
  jwtSecret: string
  /** resources/templates: every step's Handlebars template, compiled at start. */
  templatesDir: string
  clock?: Clock
  /** Fill an empty database with the demo book of business. */
  demo?: boolean
  nativeBinding?: string
  /** The team server to sync with, and the CSM's token on it (SQLite only: a desk). */
  upstream?: { url: string; token: string; intervalSeconds?: number }
  /** How often a desk that signs in later (single sign-on) syncs, in seconds (30). */
  syncIntervalSeconds?: number
  /** Whether the server token may be kept, sealed, in the database (the headless host; never the desktop). */
  storesServerToken?: boolean
  logError?: (error: unknown) => void
  heartbeatMs?: number
  /** The real time (tokens, sign-in limits); tests move it. */
  wallClock?: () => Date
  /** Behind a reverse proxy: sign-in limits count the address X-Forwarded-For ends with. */
  trustProxy?: boolean
  /** How long audit rows are kept (400 days). */
  auditRetentionDays?: number
  /** Open event streams: at most this many per user (5) and in all (1,000); beyond, 429. */
  eventStreams?: { perUser?: number; total?: number }
  /** Desks' first syncs (context batches) running at once and waiting: see ApiDeps. */
  firstSyncs?: FirstSyncLimits
  /** PostgreSQL connections this instance keeps (10; docs/team-server.md sizes it). */
  poolSize?: number
  /** Single sign-on through the team's OpenID provider (a team server, never a desk that follows one). */
  oidc?: OidcSettings & RelyingPartyOptions
  /** Who may sign in with a password (all). */
  passwordSignIn?: PasswordSignIn
}

export interface Core {
  db: Db
  /** The SQLite store of a desk (its outbox and sync state); throws on PostgreSQL. */
  readonly store: Store
  workflows: Workflows
  tasks: Tasks
  content: StepContent
  /** Sync with a team server: only a SQLite desk syncs. */
  sync: SyncConnection | null
  api: Hono
  /** Committed changes, fanned out to event streams (and, in Electron, to the window). */
  events: EventHub
  clock: Clock
  seeded: boolean
  /** Plans renewal workflows hourly on the host that owns its data. */
  planner: RenewalPlanner
  /** Sign-in, sign-out, passwords. */
  accounts: Accounts
  /** Single sign-on, when the server is set up for it. */
  sso: SingleSignOn | null
  /** Health scores, rescored when the scorecard or the day changes. */
  health: Health
  close(): Promise<void>
}

/** A desk's core: SQLite, and sync with a team server. */
export interface DeskCore extends Core {
  sync: SyncConnection
}

export { isPostgresUrl }

export async function createDeskCore(options: CoreOptions): Promise<DeskCore> {
  if (isPostgresUrl(options.dbPath)) throw new Error('A desk keeps its data in SQLite, not PostgreSQL')
  return (await createCore(options)) as DeskCore
}

/** The one core every host builds: a database, the use-cases and the API's router. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? clockFromEnv()
  const library = new TemplateLibrary(options.templatesDir)
  const postgres = isPostgresUrl(options.dbPath)
  if (postgres && options.upstream)
    throw new Error('A PostgreSQL team server syncs with no upstream: --upstream needs a SQLite desk')
  if (options.oidc && options.upstream)
    throw new Error('Single sign-on is set up on the team server; a desk that follows one signs in there')
  const db = await openDb(options.dbPath, {
    nativeBinding: options.nativeBinding,
    now: () => clock.now(),
    poolSize: options.poolSize,
  })
  const sqlite = db instanceof SqliteDb ? db : null
  let sync: SyncConnection | null = null
  const events = new EventHub(db)
  const retentionDays = options.auditRetentionDays ?? AUDIT_RETENTION_DAYS
  const wallClock = options.wallClock ?? (() => new Date())
  const health = new Health(db, clock, wallClock, options.logError)
  const prune = () => {
    // A new day ("days since" measures age) or a scorecard saved while this host was down: rescore.
    void health.keepCurrent()
    sqlite?.store.optimize()
    void events.prune(new Date()).catch(() => undefined)
    void pruneAudit(db, new Date(), retentionDays).catch(options.logError ?? console.error)
  }
  const pruning = setInterval(prune, 3_600_000)
  pruning.unref()
  try {
    const playbooks = await openPlaybooks(db, library, wallClock)
    const seeded = options.demo ? await seedDemo(db, clock) : false
    const workflows = new Workflows(db, clock, playbooks)
    const tasks = workflows.tasks
    const content = new StepContent(workflows, library, clock)
    if (sqlite) {
      sync = new SyncConnection(sqlite, workflows, {
        intervalSeconds: options.upstream?.intervalSeconds ?? options.syncIntervalSeconds ?? 30,
        storesToken: options.storesServerToken ?? true,
        seal: tokenSeal(options.jwtSecret),
      })
      if (seeded) sync.markDemo()
      if (options.upstream) sync.configure(options.upstream.url, options.upstream.token)
      else sync.restore()
    }
    // A desk that has followed a team server holds the server's data: the server plans and imports.
    const ownsData = () => !sqlite || !sqlite.store.syncValue('serverUrl')
    const planner = new RenewalPlanner(db, clock, ownsData, options.logError)
    await planner.run().catch(options.logError ?? console.error)
    planner.runHourly()
    const verifier = new TokenVerifier(options.jwtSecret, () => wallClock().getTime() / 1000)
    const accounts = new Accounts(db, verifier, options.jwtSecret, wallClock)
    accounts.passwordSignIn = options.passwordSignIn ?? 'all'
    void health.keepCurrent()
    const { fetch, timeoutSeconds, ...oidc } = options.oidc ?? {}
    const sso = options.oidc
      ? new SingleSignOn(db, accounts, oidc as OidcSettings, options.jwtSecret, wallClock, { fetch, timeoutSeconds })
      : null
    const api = createApi({
      workflows,
      tasks,
      content,
      sync,
      idempotency: new Idempotency(db),
      accounts,
      sso,
      events,
      health,
      playbooks: new PlaybookEditor(db, workflows, clock, wallClock, (other) => new Workflows(other, clock, playbooks)),
      imports: { db, clock },
      admin: {
        db,
        clock,
        wallClock,
        ownsData,
        forward: sync
          ? (method, path, body) => {
              if (!sync?.engine) throw new ApiError('SYNC_NOT_CONFIGURED', 'Sign in to the team server first')
              return sync.engine.forward(method, path, body)
            }
          : undefined,
      },
      heartbeatMs: options.heartbeatMs,
      trustProxy: options.trustProxy,
      eventStreams: options.eventStreams,
      firstSyncs: options.firstSyncs,
      logError: options.logError,
    }) as unknown as Hono
    return {
      db,
      get store(): Store {
        if (!sqlite) throw new Error('This core runs on PostgreSQL: it has no SQLite store')
        return sqlite.store
      },
      workflows,
      tasks,
      content,
      sync,
      api,
      events,
      clock,
      seeded,
      planner,
      accounts,
      sso,
      health,
      close: async () => {
        planner.stop()
        await health.settled()
        clearInterval(pruning)
        events.close()
        await sync?.close()
        await db.close()
      },
    }
  } catch (error) {
    clearInterval(pruning)
    events.close()
    sync?.stop()
    await db.close()
    throw error
  }
}
