import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'

export const SECRET = 'e2e-secret-long-enough-for-hs256'
/** The contract's day: the demo data equals the contract's examples. */
export const NOW = '2025-12-28T14:00:00Z'

export interface Desk {
  url: string
  /** Opens the app signed in as a demo user (the way the host's printed link does). */
  signIn(page: Page, user?: { id: string; email: string; role: 'csm' | 'admin' }): Promise<void>
}

const SARAH = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }

async function startHost(dbDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [resolve('out/main/serve.js'), '--port', '0', '--db', join(dbDir, 'desk.sqlite'), '--demo'],
    {
      env: { ...process.env, CSMDESK_JWT_SECRET: SECRET, CSMDESK_NOW: NOW },
    },
  )
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

/** Every test gets its own host process and its own database, filled with the demo book. */
export const test = base.extend<{ desk: Desk }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  desk: async ({}, use) => {
    const dbDir = mkdtempSync(join(tmpdir(), 'csmdesk-e2e-'))
    const { url, child } = await startHost(dbDir)
    await use({
      url,
      signIn: async (page, user = SARAH) => {
        await page.goto(`${url}/#token=${signToken(user, SECRET)}`)
      },
    })
    child.kill('SIGTERM')
    await new Promise((done) => child.once('exit', done))
    rmSync(dbDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
