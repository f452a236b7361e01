import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PlaybookCatalog } from './playbooks/catalog'
import { TemplateLibrary } from './templates/library'
import { signToken, type User } from './api/auth'
import { fixedClock } from './clock'
import { CONTRACT_DAY, DEMO_CSMS } from './demo/demo'
import { createCore, type Core, type CoreOptions } from './index'

/** Helpers shared by the tests: a temp database, the contract's day, and demo tokens. */
export const TEST_SECRET = 'a-test-secret-of-enough-length'
export const CONTRACT_NOW = `${CONTRACT_DAY}T14:00:00.000Z`
export const contractClock = fixedClock(CONTRACT_NOW)
export const TEMPLATES_DIR = fileURLToPath(new URL('../../resources/templates', import.meta.url))

/** The playbooks as the app ships them, for a test that builds use-cases without a core. */
export function shippedCatalog(): PlaybookCatalog {
  return new PlaybookCatalog(new TemplateLibrary(TEMPLATES_DIR))
}

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'csmdesk-')), 'desk.sqlite')
}

export function demoUser(id: string): User {
  const csm = DEMO_CSMS.find((c) => c.id === id)
  if (!csm) throw new Error(`No demo user ${id}`)
  return { id: csm.id, email: csm.email, role: csm.role }
}

/** A demo user's token, issued at `issuedAt` (the real time unless a test moves its core's wall clock). */
export function tokenFor(id: string, secret = TEST_SECRET, issuedAt?: Date): string {
  return signToken(demoUser(id), secret, issuedAt ? { nowSeconds: Math.floor(issuedAt.getTime() / 1000) } : {})
}

const API_DOC = readFileSync(fileURLToPath(new URL('../../docs/api.md', import.meta.url)), 'utf8')

/** A JSON example of docs/api.md, the one under `<!-- example: name -->`: tests hold the code to the doc. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the examples field by field
export function apiDocExample(name: string): any {
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(API_DOC)
  if (!match) throw new Error(`docs/api.md has no example "${name}"`)
  return JSON.parse(match[1]!)
}

/** The template variable table of docs/api.md: each path with its literal example (undefined for prose). */
export function apiDocVariables(): { path: string; example: string | undefined }[] {
  return [...API_DOC.matchAll(/^\| `\{\{([\w.[\]]+)\}\}`\s*\| (.+?)\s*\|$/gm)].map(([, path, cell]) => ({
    path: path!,
    example: /^`"?(.*?)"?`$/.exec(cell!)?.[1],
  }))
}

/** A core on a fresh SQLite file with the demo book, on the contract's day. */
export async function testCore(options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await createCore({
    dbPath: tempDbPath(),
    jwtSecret: TEST_SECRET,
    clock: contractClock,
    demo: true,
    templatesDir: TEMPLATES_DIR,
    logError: () => {},
    ...options,
  })
  // Tests start from a book scored with today's scorecard, not while it is being scored.
  await core.health.settled()
  return core
}

/** Calls a core's API as the token's user, and reads the JSON answer (a string body goes as it is). */
export async function callApi(
  core: Pick<Core, 'api'>,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape
): Promise<{ status: number; body: any }> {
  const response = await core.api.fetch(
    new Request(`http://desk.local/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
  return { status: response.status, body: await response.json() }
}
