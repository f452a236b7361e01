import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { signToken } from '../core/api/auth'
import { tempDbPath } from '../core/testing'
import { FaultProxy } from './fault-proxy'
import { spawnServe } from './spawn-serve'

// Two real host processes on loopback, a fault-injecting proxy between them.
const SERVE = resolve(__dirname, '../../out/main/serve.js')
const SERVER_SECRET = 'team-server-secret-long-enough'
const LOCAL_SECRET = 'desktop-local-secret-long-enough'
const NOW = '2025-12-28T14:00:00Z'
const SARAH = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }
const serverToken = signToken(SARAH, SERVER_SECRET)
const localToken = signToken(SARAH, LOCAL_SECRET)
const children: ChildProcess[] = []

async function host(args: string[], secret: string): Promise<{ url: string; child: ChildProcess }> {
  const started = spawnServe(args, { CSMDESK_JWT_SECRET: secret, CSMDESK_NOW: NOW })
  children.push((await started).child)
  return started
}

async function call(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

let server: { url: string }
let proxy: FaultProxy
let local: { url: string; child: ChildProcess }
const localDb = tempDbPath()
let localArgs: string[]
const onLocal = (method: string, path: string, body?: unknown) => call(local.url, localToken, method, path, body)
const onServer = (method: string, path: string, body?: unknown) => call(server.url, serverToken, method, path, body)
const syncNow = async () => (await onLocal('POST', '/sync')).body
/** A restarted host syncs at start: wait until that run is over, so it cannot answer for the next step. */
async function settled(): Promise<void> {
  const deadline = Date.now() + 20_000
  while ((await onLocal('GET', '/sync/status')).body.syncing) {
    if (Date.now() > deadline) throw new Error('the start-up sync never ended')
    await new Promise((done) => setTimeout(done, 25))
  }
}
const recorded = (context: any) => context.workflow.steps.map((s: any) => s.result && { id: s.id, ...s.result })

beforeAll(async () => {
  if (!existsSync(SERVE)) throw new Error('Build first: npm run build (npm test does it)')
  server = await host(['--db', tempDbPath(), '--demo'], SERVER_SECRET)
  proxy = new FaultProxy(server.url)
  const proxyUrl = await proxy.start()
  localArgs = [
    '--db',
    localDb,
    '--upstream',
    `${proxyUrl}/api`,
    '--upstream-token',
    serverToken,
    '--sync-interval',
    '3600',
  ]
  local = await host(localArgs, LOCAL_SECRET)
})

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await proxy.stop()
})

describe('sync with the team server through network faults', () => {
  it('pulls the queue and contexts on the first sync', async () => {
    const status = await syncNow()
    expect(status).toMatchObject({ configured: true, online: true, pending: 0, rejected: 0, lastError: null })
    const mine = (await onLocal('GET', '/workflows/queue/csm-456')).body
    const theirs = (await onServer('GET', '/workflows/queue/csm-456')).body
    expect(mine.workflows.map((w: any) => [w.id, w.workflow.priorityScore])).toEqual(
      theirs.workflows.map((w: any) => [w.id, w.workflow.priorityScore]),
    )
    expect((await onLocal('GET', '/workflows/wf-12345/context')).body.data).toEqual(
      (await onServer('GET', '/workflows/wf-12345/context')).body.data,
    )
  })

  it('keeps working offline: every change commits locally with its outbox entry', async () => {
    proxy.mode = 'down'
    expect((await onLocal('POST', '/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    const step = { duration: 600, outputs: { decision: 'proceed', notes: 'Offline on the plane' } }
    expect((await onLocal('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', step)).status).toBe(200)
    const skip = { duration: 0, status: 'skipped', reason: 'Covered in step one' }
    expect((await onLocal('POST', '/workflows/wf-12345/steps/review-health-indicators/complete', skip)).status).toBe(
      200,
    )
    const status = await syncNow()
    expect(status).toMatchObject({ online: false, pending: 3 })
    expect(status.lastError).toMatch(/could not be reached/)
  })

  it('loses nothing when the app is killed right after a commit', async () => {
    const outreach = { duration: 900, outputs: { decision: 'call-booked', notes: 'Call on Monday' } }
    expect((await onLocal('POST', '/workflows/wf-12345/steps/executive-outreach/complete', outreach)).status).toBe(200)
    local.child.kill('SIGKILL')
    await new Promise((done) => local.child.once('exit', done))
    local = await host(localArgs, LOCAL_SECRET)
    await settled()
    const outbox = (await onLocal('GET', '/sync/outbox')).body.entries
    expect(outbox.map((e: any) => [e.kind, e.status])).toEqual([
      ['start', 'pending'],
      ['complete-step', 'pending'],
      ['complete-step', 'pending'],
      ['complete-step', 'pending'],
    ])
    const context = (await onLocal('GET', '/workflows/wf-12345/context')).body
    expect(context.workflow.completedSteps).toEqual(['analyze-arr-performance', 'executive-outreach'])
  })

  it('retries through 500s, a response cut half-way and a 401, keeping every entry', async () => {
    proxy.mode = 'error500'
    expect(await syncNow()).toMatchObject({ online: true, pending: 4, lastError: expect.stringMatching(/500/) })
    proxy.mode = 'cut' // the server applies the start, the answer never arrives
    expect(await syncNow()).toMatchObject({ pending: 4 })
    expect((await onServer('GET', '/workflows/wf-12345/context')).body.workflow.status).toBe('in_progress')
    proxy.mode = 'unauthorized'
    expect(await syncNow()).toMatchObject({
      needsSignIn: true,
      pending: 4,
      lastError: expect.stringMatching(/Sign in again/),
    })
    proxy.mode = 'delay'
    proxy.delayMs = 300
    expect(await syncNow()).toMatchObject({
      pending: 0,
      rejected: 0,
      online: true,
      needsSignIn: false,
      lastError: null,
    })
  })

  it('ends with every outcome on the server exactly once, and both sides agreeing', async () => {
    proxy.mode = 'pass'
    await syncNow()
    const theirs = (await onServer('GET', '/workflows/wf-12345/context')).body
    const mine = (await onLocal('GET', '/workflows/wf-12345/context')).body
    expect(theirs.workflow).toMatchObject({
      status: 'in_progress',
      completedSteps: ['analyze-arr-performance', 'executive-outreach'],
      skippedSteps: ['review-health-indicators'],
    })
    expect(recorded(theirs).filter(Boolean)).toHaveLength(3)
    expect(recorded(theirs)[0]).toMatchObject({ outputs: { decision: 'proceed', notes: 'Offline on the plane' } })
    expect(recorded(mine)).toEqual(recorded(theirs))
    expect(mine.workflow.startedAt).toBe(theirs.workflow.startedAt)
  })

  it('shows a conflict with the CSM data when the server changed the same workflow meanwhile', async () => {
    proxy.mode = 'down'
    await onLocal('POST', '/workflows/wf-67890/start', { csmId: 'csm-456' })
    const mine = { duration: 300, outputs: { decision: 'confirmed', notes: 'Signers: CFO and VP' } }
    expect((await onLocal('POST', '/workflows/wf-67890/steps/confirm-decision-makers/complete', mine)).status).toBe(200)
    // Meanwhile, on another device, the same workflow is completed on the server.
    await onServer('POST', '/workflows/wf-67890/start', { csmId: 'csm-456' })
    expect(
      (await onServer('POST', '/workflows/wf-67890/complete', { totalDuration: 60, status: 'success' })).status,
    ).toBe(200)
    proxy.mode = 'pass'
    // The start is refused; the step chosen after it waits behind it, unsent.
    expect(await syncNow()).toMatchObject({ pending: 1, rejected: 1, held: 1 })
    const outbox = (await onLocal('GET', '/sync/outbox')).body.entries
    expect(outbox).toHaveLength(2)
    expect(outbox[0]).toMatchObject({
      status: 'rejected',
      kind: 'start',
      rejection: { error: { code: 'WORKFLOW_COMPLETED' } },
    })
    expect(outbox[1]).toMatchObject({
      status: 'pending',
      heldBy: outbox[0].id,
      kind: 'complete-step',
      body: { outputs: { notes: 'Signers: CFO and VP' } },
    })
    expect((await onLocal('GET', '/workflows/wf-67890/context')).body.workflow.status).toBe('completed')

    expect((await onLocal('POST', `/sync/outbox/${outbox[0].id}/retry`)).body).toMatchObject({ rejected: 0, held: 0 })
    expect(await syncNow()).toMatchObject({ pending: 1, rejected: 1, held: 1 })
    // Discarding asks what to do with the held step first.
    const discard = await onLocal('POST', `/sync/outbox/${outbox[0].id}/discard`)
    expect(discard.status).toBe(400)
    expect(discard.body.error.details).toMatchObject({
      heldEntries: [outbox[1].id],
      fields: { held: expect.any(String) },
    })
    expect((await onLocal('POST', `/sync/outbox/${outbox[0].id}/discard`, { held: 'release' })).status).toBe(200)
    expect(await syncNow()).toMatchObject({ pending: 0, rejected: 1, held: 0 })
    expect((await onLocal('GET', '/sync/outbox')).body.entries[0]).toMatchObject({
      id: outbox[1].id,
      rejection: { error: { code: 'WORKFLOW_COMPLETED' } },
    })
    expect((await onLocal('POST', `/sync/outbox/${outbox[1].id}/discard`)).status).toBe(200)
    expect(await syncNow()).toMatchObject({ pending: 0, rejected: 0 })
    expect((await onLocal('POST', `/sync/outbox/${outbox[0].id}/discard`)).status).toBe(404)
  })
})

describe('live updates from the team server', () => {
  it('show a change made on the server on the desk without waiting for the timer, and tell its app', async () => {
    const desk = await host(
      [
        '--db',
        tempDbPath(),
        '--upstream',
        `${server.url}/api`,
        '--upstream-token',
        serverToken,
        '--sync-interval',
        '3600',
      ],
      LOCAL_SECRET,
    )
    const onDesk = (method: string, path: string) => call(desk.url, localToken, method, path)
    const deadline = Date.now() + 10_000
    while (!(await onDesk('GET', '/sync/status')).body.lastSyncAt) {
      if (Date.now() > deadline) throw new Error('the first sync never ended')
      await new Promise((done) => setTimeout(done, 25))
    }
    const app = await fetch(`${desk.url}/api/events`, { headers: { authorization: `Bearer ${localToken}` } })
    const appEvents = app.body!.getReader()
    let appText = ''
    while (!appText.includes('event: ready')) appText += new TextDecoder().decode((await appEvents.read()).value)

    const pending = (await onDesk('GET', '/workflows/queue/csm-456')).body.workflows.find(
      (w: any) => w.workflow.status === 'pending',
    )
    const changedAt = Date.now()
    expect((await onServer('POST', `/workflows/${pending.id}/start`, { csmId: 'csm-456' })).status).toBe(200)
    while ((await onDesk('GET', `/workflows/${pending.id}/context`)).body.workflow.status !== 'in_progress') {
      // The timer is an hour away: only the event can bring it. (How fast: npm run bench:server.)
      expect(Date.now() - changedAt, 'the change reached the desk').toBeLessThan(15_000)
      await new Promise((done) => setTimeout(done, 20))
    }
    while (!appText.includes(pending.id)) appText += new TextDecoder().decode((await appEvents.read()).value)
    await appEvents.cancel()
  })
})

describe('connecting a desk to a team server from settings', () => {
  it('refuses bad settings, reconnects for its own user only, and keeps the token sealed across restarts', async () => {
    const db = tempDbPath()
    proxy.mode = 'pass'
    let desk = await host(
      ['--db', db, '--upstream', `${server.url}/api`, '--upstream-token', serverToken],
      LOCAL_SECRET,
    )
    const on = (method: string, path: string, body?: unknown) => call(desk.url, localToken, method, path, body)
    expect((await on('POST', '/sync/config', { serverUrl: 'ftp://x', token: serverToken })).status).toBe(400)
    expect(
      (await on('POST', '/sync/config', { serverUrl: `${server.url}/api`, token: 'nope' })).body.error.details.fields,
    ).toHaveProperty('token')
    // A token for someone else is refused before anything is asked of any server.
    const marcusToken = signToken({ id: 'csm-101', email: 'marcus@company.com', role: 'csm' }, SERVER_SECRET)
    expect((await on('POST', '/sync/config', { serverUrl: `${server.url}/api`, token: marcusToken })).status).toBe(403)
    const configured = await on('POST', '/sync/config', { serverUrl: `${server.url}/api`, token: serverToken })
    expect(configured.body, JSON.stringify(configured.body)).toMatchObject({
      configured: true,
      online: true,
      pending: 0,
    })
    expect((await on('GET', '/workflows/queue/csm-456')).body.workflows.length).toBeGreaterThan(0)

    desk.child.kill('SIGTERM')
    await new Promise((done) => desk.child.once('exit', done))
    const stored = new Database(db, { readonly: true })
    const kept = stored.prepare("SELECT value FROM sync_state WHERE key = 'token'").pluck().get() as string
    stored.close()
    expect(kept).not.toContain(serverToken.split('.')[1])
    desk = await host(['--db', db], LOCAL_SECRET)
    expect((await call(desk.url, localToken, 'POST', '/sync')).body).toMatchObject({ configured: true, online: true })
    expect((await call(desk.url, localToken, 'POST', '/sync/sign-out')).body).toMatchObject({ needsSignIn: true })
  })
})
