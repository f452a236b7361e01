import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { signToken } from '../core/api/auth'
import { DEMO_CSMS, DEMO_PASSWORD } from '../core/demo/demo'
import { isPostgresUrl } from '../core'
import { isLoopback } from '../core/loopback'
import { startHost, type Host } from './host'
import { SSO_FLAGS, ssoOptions } from './sso-options'
import { secretFlags, secretOption } from './secret-options'

const USAGE =
  'Usage: npm run serve -- [--port 3000] [--host 127.0.0.1] [--db ./data/desk.sqlite | postgres://...] [--demo]\n' +
  '       [--upstream http://server/api (--upstream-token <JWT> | --upstream-sso) [--sync-interval 30]]\n' +
  '       [--oidc-issuer URL --oidc-client-id ID [--oidc-name Okta] [--oidc-allowed-domains company.com,...]\n' +
  '        [--oidc-admin-group NAME] [--oidc-groups-claim groups] [--oidc-scopes "openid email profile"]\n' +
  '        [--public-url https://desk.company.com]] [--password-sign-in all|admins|off]\n' +
  '       [--trust-proxy] [--audit-retention-days 400] [--max-event-streams 2000] [--pg-pool-size 10]\n' +
  'Secrets stay off the command line: CSMDESK_DB_URL or --db-file, CSMDESK_UPSTREAM_TOKEN or --upstream-token-file,\n' +
  'CSMDESK_OIDC_CLIENT_SECRET. Single sign-on: docs/sso.md.'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      ...secretFlags('db'),
      demo: { type: 'boolean', default: false },
      upstream: { type: 'string' },
      ...secretFlags('upstream-token'),
      'upstream-sso': { type: 'boolean', default: false },
      ...SSO_FLAGS,
      'sync-interval': { type: 'string', default: '30' },
      'trust-proxy': { type: 'boolean', default: false },
      'audit-retention-days': { type: 'string', default: '400' },
      'max-event-streams': { type: 'string', default: '2000' },
      'pg-pool-size': { type: 'string', default: '10' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, not ${values.port}`)
  const interval = Number(values['sync-interval'])
  if (!(interval > 0))
    throw new Error(`--sync-interval must be a positive number of seconds, not ${values['sync-interval']}`)
  const retention = Number(values['audit-retention-days'])
  if (!Number.isInteger(retention) || retention < 1)
    throw new Error(`--audit-retention-days must be a whole number of days, not ${values['audit-retention-days']}`)
  const maxStreams = Number(values['max-event-streams'])
  if (!Number.isInteger(maxStreams) || maxStreams < 1)
    throw new Error(`--max-event-streams must be a positive whole number, not ${values['max-event-streams']}`)
  const poolSize = Number(values['pg-pool-size'])
  if (!Number.isInteger(poolSize) || poolSize < 2 || poolSize > 200)
    throw new Error(`--pg-pool-size must be a whole number from 2 to 200, not ${values['pg-pool-size']}`)
  const upstreamToken = secretOption(values, 'upstream-token', 'CSMDESK_UPSTREAM_TOKEN')
  const sso = values['upstream-sso']
  if (!!values.upstream !== (!!upstreamToken || sso) || (upstreamToken && sso))
    throw new Error(
      '--upstream goes with its token (--upstream-token, --upstream-token-file or CSMDESK_UPSTREAM_TOKEN) or with --upstream-sso',
    )
  const upstream =
    values.upstream && upstreamToken
      ? { url: values.upstream, token: upstreamToken, intervalSeconds: interval }
      : undefined
  const signIn = ssoOptions(values)
  const db = secretOption(values, 'db', 'CSMDESK_DB_URL') ?? './data/desk.sqlite'
  const dbPath = isPostgresUrl(db) ? db : resolve(db)
  if (!isPostgresUrl(dbPath)) mkdirSync(dirname(dbPath), { recursive: true })
  const configured = process.env.CSMDESK_JWT_SECRET
  const jwtSecret = configured || randomBytes(32).toString('base64url')
  const here = dirname(fileURLToPath(import.meta.url))
  const host = await startHost({
    port,
    host: values.host,
    dbPath,
    // A desk that follows a team server holds the server's data only: the demo never mixes in.
    demo: values.demo && !values.upstream,
    jwtSecret,
    upstream,
    trustProxy: values['trust-proxy'],
    auditRetentionDays: retention,
    eventStreams: { total: maxStreams },
    ...signIn,
    syncIntervalSeconds: interval,
    poolSize,
    rendererDir: join(here, '../renderer'),
    templatesDir: join(here, '../../resources/templates'),
  })
  if (host.core.seeded)
    console.log(
      `filled ${host.core.db.engine === 'postgres' ? 'the PostgreSQL database' : dbPath} with the demo book of business`,
    )
  if (values.demo && values.upstream)
    console.log('--demo is ignored with --upstream: this desk takes its data from the team server')
  if (values.demo && !upstream)
    console.log(
      `demo users sign in with the password "${DEMO_PASSWORD}": ${DEMO_CSMS.map((c) => `${c.email} (${c.role})`).join(', ')}`,
    )
  if (!configured) console.log('CSMDESK_JWT_SECRET is not set: this run signs tokens with a secret of its own.')
  // A sign-in token on stdout ends up in logs: only for the demo, where there is nothing to protect.
  if (!configured && values.demo) {
    const sarah = DEMO_CSMS[0]!
    const token = signToken(sarah, jwtSecret)
    console.log(`token for ${sarah.id} (${sarah.name}): ${token}`)
    console.log(`open the app signed in as ${sarah.name}: ${host.url}/#token=${token}`)
  }
  if (!isLoopback(values.host)) {
    console.warn(
      `WARNING: listening on ${values.host} over plain http. Tokens and customer data would cross the network ` +
        'unencrypted: put an https reverse proxy in front of this host and let only it reach this port.',
    )
  }
  console.log(`listening on ${host.url}`)
  if (sso && values.upstream) await signInThroughBrowser(host, values.upstream)
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`${signal}: closing the database`)
    void host.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

/** A desk signs in at its team server's single sign-on: the person opens the printed address. */
async function signInThroughBrowser(host: Host, serverUrl: string): Promise<void> {
  const sync = host.core.sync!
  const { token, user } = await sync.loginWithSso(serverUrl, (url) =>
    console.log(`sign in to the team server: open ${url}`),
  )
  sync.configure(serverUrl, token, user)
  console.log(`signed in to the team server as ${user.email}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
