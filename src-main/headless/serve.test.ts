import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Store } from '../core/store/store'
import { signToken } from '../core/api/auth'
import { tempDbPath } from '../core/testing'
import { freshDatabase } from '../core/testing-engines'

const OUT = resolve(__dirname, '../../out/main')
const SECRET = 'serve-test-secret-long-enough'
const running: ChildProcess[] = []

interface Started {
  child: ChildProcess
  url: string
  output: () => string
}

function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [resolve(OUT, 'serve.js'), '--port', '0', ...args], {
    env: { ...process.env, CSMDESK_JWT_SECRET: '', CSMDESK_NOW: '2025-12-28T14:00:00Z', ...env },
  })
  running.push(child)
  let output = ''
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line:\n${output}`)), 10_000)
    const read = (chunk: Buffer) => {
      output += chunk
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise({ child, url: match[1]!, output: () => output })
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)))
  })
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.on('exit', (code) => resolvePromise(code))
    child.kill(signal)
  })
}

beforeAll(() => {
  if (!existsSync(resolve(OUT, 'serve.js'))) throw new Error('Build first: npm run build (npm test does it)')
})
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

describe('npm run serve', () => {
  it('fills a new database, prints a working token and sign-in link, and serves the API and the app', async () => {
    const db = tempDbPath()
    const { url, output, child } = await start(['--db', db, '--demo'])
    expect(output()).toMatch(/filled .* with the demo book of business/)
    const token = /^token for csm-456 \(Sarah Johnson\): (\S+)$/m.exec(output())![1]!
    expect(output()).toContain(`${url}/#token=${token}`)
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
    expect(output()).toContain('demo users sign in with the password "csm-desk-demo"')
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alex@company.com', password: 'csm-desk-demo' }),
    })
    expect(((await login.json()) as any).user).toMatchObject({ id: 'admin-1', role: 'admin' })
    const queue = await fetch(`${url}/api/workflows/queue/csm-456`, { headers: { authorization: `Bearer ${token}` } })
    expect(((await queue.json()) as any).workflows[0].workflow.priorityScore).toBe(287)
    const page = await fetch(`${url}/`)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toMatch(/<div id="root">/)
    expect(await stop(child)).toBe(0)
  })

  it('closes the database cleanly on SIGINT and SIGTERM, and keeps the data for the next run', async () => {
    const db = tempDbPath()
    const first = await start(['--db', db, '--demo'], { CSMDESK_JWT_SECRET: SECRET })
    expect(first.output()).not.toMatch(/token for/)
    const token = spawnSync(
      process.execPath,
      [resolve(OUT, 'token.js'), '--sub', 'csm-456', '--email', 'sarah@company.com'],
      {
        env: { ...process.env, CSMDESK_JWT_SECRET: SECRET },
        encoding: 'utf8',
      },
    ).stdout.trim()
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const started = await fetch(`${first.url}/api/workflows/wf-12345/start`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ csmId: 'csm-456' }),
    })
    expect(started.status).toBe(200)
    expect(await stop(first.child, 'SIGINT')).toBe(0)
    expect(existsSync(`${db}-wal`)).toBe(false)

    const second = await start(['--db', db, '--demo'], { CSMDESK_JWT_SECRET: SECRET })
    expect(second.output()).not.toMatch(/filled/)
    const context = await fetch(`${second.url}/api/workflows/wf-12345/context`, { headers: auth })
    expect(((await context.json()) as any).workflow.status).toBe('in_progress')
    expect(await stop(second.child, 'SIGTERM')).toBe(0)
    const store = new Store(db)
    expect(store.integrityCheck()).toBe('ok')
    store.close()
  })

  it('runs the same host on PostgreSQL with --db postgres://', async () => {
    const { url, output, child } = await start(['--db', await freshDatabase('postgres'), '--demo'], {
      CSMDESK_JWT_SECRET: SECRET,
    })
    expect(output()).toMatch(/filled the PostgreSQL database with the demo book of business/)
    const token = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, SECRET)
    const queue = await fetch(`${url}/api/workflows/queue/csm-456`, { headers: { authorization: `Bearer ${token}` } })
    expect(((await queue.json()) as any).workflows[0].workflow.priorityScore).toBe(287)
    expect(await stop(child)).toBe(0)
  })

  it('prints a sign-in token only for the demo', async () => {
    const { output } = await start(['--db', tempDbPath()])
    expect(output()).toMatch(/CSMDESK_JWT_SECRET is not set/)
    expect(output()).not.toMatch(/token for|#token=/)
  })

  it('answers only requests addressed to loopback while bound to it', async () => {
    const { url } = await start(['--db', tempDbPath(), '--demo'], { CSMDESK_JWT_SECRET: SECRET })
    const asked = (host: string) =>
      new Promise<number>((done, fail) => {
        const req = request(`${url}/api/health`, { headers: { host } }, (res) => {
          res.resume()
          done(res.statusCode!)
        })
        req.on('error', fail)
        req.end()
      })
    expect(await asked(new URL(url).host)).toBe(200)
    expect(await asked(`localhost:${new URL(url).port}`)).toBe(200)
    expect(await asked('rebound.evil.example')).toBe(403)
  })

  it('warns loudly when it listens beyond loopback over plain http', async () => {
    const child = spawn(
      process.execPath,
      [resolve(OUT, 'serve.js'), '--port', '0', '--host', '0.0.0.0', '--db', tempDbPath()],
      {
        env: { ...process.env, CSMDESK_JWT_SECRET: SECRET },
      },
    )
    running.push(child)
    let output = ''
    await new Promise<void>((done, fail) => {
      const read = (chunk: Buffer) => {
        output += chunk
        if (/listening on/.test(output)) done()
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
      child.on('exit', (code) => fail(new Error(`exited ${code}:\n${output}`)))
    })
    expect(output).toMatch(/WARNING: listening on 0\.0\.0\.0 over plain http/)
  })

  it('says what is wrong with its arguments', async () => {
    const result = spawnSync(process.execPath, [resolve(OUT, 'serve.js'), '--port', 'abc'], { encoding: 'utf8' })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/--port must be/)
  })
})

describe('npm run token', () => {
  it('refuses to sign without a secret or a subject', () => {
    const result = spawnSync(process.execPath, [resolve(OUT, 'token.js'), '--email', 'a@b.c'], {
      env: { ...process.env, CSMDESK_JWT_SECRET: '' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/CSMDESK_JWT_SECRET is not set/)
    expect(result.stderr).toMatch(/--sub is required/)
  })
})
