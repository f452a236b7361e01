import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { test as base, _electron, type Page } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'

export const SECRET = 'e2e-secret-long-enough-for-hs256'
/** The contract's day: the demo data equals the contract's examples. */
export const NOW = '2025-12-28T14:00:00Z'

export interface Desk {
  /** Where the app is served: the headless host's URL, or app://desk in Electron. */
  url: string
  host: 'browser' | 'electron'
  /** Opens the app signed in as the demo CSM (in a browser, the way the host's printed link does). */
  signIn(page: Page): Promise<void>
  /** Opens the app signed in as any demo user (browser project only: the desktop app signs in one CSM). */
  signInAs?(page: Page, user: { id: string; email: string; role: 'csm' | 'admin' }): Promise<void>
  /** Restarts the host on the same data with its business clock at `now` (browser project only). */
  moveClock?(now: string): Promise<void>
  /**
   * Restarts the host as a desk of a team server, on a new database (browser project only): a
   * host follows a server only when whoever runs it says so at start, with --upstream.
   */
  follow?(serverUrl: string, token: string): Promise<void>
}

const SARAH = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }

/**
 * The Electron binary, where it is installed. Electron downloads it on first use (requiring the
 * package does): global setup may fetch it once on a developer's machine; CI and the workers
 * only look, so a machine without the network never waits on a download.
 */
export function electronBinary(options: { fetch: boolean } = { fetch: false }): string | null {
  const require = createRequire(import.meta.url)
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  const installed = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8')) : null
  if (installed && existsSync(installed)) return installed
  if (!options.fetch) return null
  try {
    const path = require('electron') as unknown as string
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

/** A host process of its own (the app's, or a team server's for sync tests). */
export async function startHost(
  dbDir: string,
  secret = SECRET,
  now = NOW,
  upstream?: { url: string; token: string },
  /** More flags and environment: a team server's single sign-on. */
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const data = upstream
    ? ['--db', join(dbDir, 'follower.sqlite'), '--upstream', upstream.url]
    : ['--db', join(dbDir, 'desk.sqlite'), '--demo']
  const child = spawn(process.execPath, [resolve('out/main/serve.js'), '--port', '0', ...data, ...(extra.args ?? [])], {
    env: {
      ...process.env,
      ...extra.env,
      CSMDESK_JWT_SECRET: secret,
      CSMDESK_NOW: now,
      ...(upstream && { CSMDESK_UPSTREAM_TOKEN: upstream.token }),
    },
  })
  let output = ''
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the host did not start:\n${output}`)), 15_000)
    const read = (chunk: Buffer) => {
      output += chunk
      const match = /listening on (\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        done(match[1]!)
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => fail(new Error(`the host exited with ${code}:\n${output}`)))
  })
  return { url, child }
}

/**
 * Every test gets its own data: in the browser project its own host process and database, in
 * the electron project the real app with its own user-data folder. The same specs run on both.
 */
export const test = base.extend<{ desk: Desk; page: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  desk: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'csmdesk-e2e-'))
    if (testInfo.project.name === 'electron') {
      await use({
        url: 'app://desk/index.html',
        host: 'electron',
        signIn: async (page) => void (await page.waitForLoadState()),
      })
    } else {
      let running = await startHost(dir)
      const stop = async () => {
        running.child.kill('SIGTERM')
        await new Promise((done) => running.child.once('exit', done))
      }
      const desk: Desk = {
        url: running.url,
        host: 'browser',
        signIn: async (page) => void (await page.goto(`${desk.url}/#token=${signToken(SARAH, SECRET)}`)),
        signInAs: async (page, user) => void (await page.goto(`${desk.url}/#token=${signToken(user, SECRET)}`)),
        moveClock: async (now) => {
          await stop()
          running = await startHost(dir, SECRET, now)
          desk.url = running.url
        },
        follow: async (url, token) => {
          await stop()
          running = await startHost(dir, SECRET, NOW, { url, token })
          desk.url = running.url
        },
      }
      await use(desk)
      await stop()
    }
    rmSync(dir, { recursive: true, force: true })
  },

  page: async ({ playwright }, use, testInfo) => {
    let page: Page
    let close: () => Promise<void>
    if (testInfo.project.name === 'electron') {
      const executablePath = electronBinary()
      test.skip(
        !executablePath,
        'The Electron binary is not installed here (node_modules/electron has no dist/); the browser project ran the same specs.',
      )
      const userData = mkdtempSync(join(tmpdir(), 'csmdesk-electron-'))
      const app = await _electron.launch({
        executablePath: executablePath!,
        args: [resolve('.')],
        env: { ...process.env, CSMDESK_USER_DATA: userData, CSMDESK_NOW: NOW },
      })
      page = await app.firstWindow()
      close = async () => {
        await app.close()
        rmSync(userData, { recursive: true, force: true })
      }
    } else {
      const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions)
      const context = await browser.newContext({ viewport: testInfo.project.use.viewport ?? null })
      page = await context.newPage()
      close = () => browser.close()
    }
    await use(page)
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('failure', {
        body: await page.screenshot().catch(() => Buffer.from('')),
        contentType: 'image/png',
      })
    }
    await close()
  },
})

export { expect } from '@playwright/test'
