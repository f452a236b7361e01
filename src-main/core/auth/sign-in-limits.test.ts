import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../demo/demo'
import type { Core } from '../index'
import { ENGINES, engineCore } from '../testing-engines'
import { MAX_FAILURES_PER_EMAIL } from './accounts'
import { Gate } from '../api/gate'

describe.each(ENGINES)('sign-in under a burst (%s)', (engine) => {
  let core: Core
  const now = new Date('2026-11-26T09:00:00.000Z')
  afterEach(() => core?.close())

  const login = async (email: string, password: string, from: string, init: RequestInit = {}) => {
    const response = await core.api.fetch(
      new Request('http://desk.local/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
        ...init,
      }),
      { clientAddress: from },
    )
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as any,
    }
  }
  const failedRows = async () =>
    (await core.db.read((tx) => tx.auditEntries(500, null))).filter((row) => row.action === 'sign-in-failed')

  it('checks no more than the limit for 200 wrong passwords at once; the rest wait; the owner signs in from elsewhere', async () => {
    core = await engineCore(engine, { wallClock: () => now })
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login('alex@company.com', `wrong-password-${i}`, '203.0.113.9')),
    )
    const checks = core.accounts.gate.ran
    expect(checks).toBeLessThanOrEqual(10)
    expect(answers.filter((a) => a.status === 401)).toHaveLength(checks)
    const waiting = answers.filter((a) => a.status === 429)
    expect(waiting).toHaveLength(200 - checks)
    expect(waiting.every((a) => Number(a.retryAfter) > 0)).toBe(true)
    // The right password from the same address waits too; from Alex's own address it signs in.
    expect((await login('alex@company.com', DEMO_PASSWORD, '203.0.113.9')).status).toBe(429)
    expect((await login('alex@company.com', DEMO_PASSWORD, '198.51.100.7')).status).toBe(200)
    // The burst is one audit row, with its counts.
    const rows = await failedRows()
    expect(rows).toHaveLength(1)
    expect(JSON.parse(rows[0]!.details_json)).toMatchObject({
      failures: checks,
      blocked: 200 - checks + 1,
      addresses: ['203.0.113.9'],
    })
  })

  it('stops a spray across many addresses at the per-email limit', async () => {
    core = await engineCore(engine, { wallClock: () => now })
    const since = new Date(now.getTime() - 60_000).toISOString()
    await core.db.write(async (tx) => {
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
        await tx.reserveSignIn('marcus@company.com', `192.0.2.${i % 250}`, now.toISOString(), since)
    })
    const sprayed = await login('marcus@company.com', DEMO_PASSWORD, '198.51.100.50')
    expect(sprayed.status).toBe(429)
    expect(core.accounts.gate.ran).toBe(0)
    expect((await login('sarah@company.com', DEMO_PASSWORD, '198.51.100.50')).status).toBe(200)
  })

  it('takes JSON only, and no sign-in body past 16 KB, streamed or not', async () => {
    core = await engineCore(engine, { wallClock: () => now })
    const form = await login('sarah@company.com', DEMO_PASSWORD, '198.51.100.1', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const big = await login('sarah@company.com', 'x'.repeat(17 * 1024), '198.51.100.1')
    expect(big.status).toBe(400)
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024))
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++
        if (sent > 16_000)
          controller.close() // a gigabyte, if it were all read
        else controller.enqueue(chunk)
      },
    })
    const streamed = await login('sarah@company.com', DEMO_PASSWORD, '198.51.100.1', {
      body: endless,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(400)
    expect(sent).toBeLessThan(10)
    expect(core.accounts.gate.ran).toBe(0)
  })

  it('keeps audit rows for the retention, then drops them', async () => {
    core = await engineCore(engine, { wallClock: () => now })
    await login('sarah@company.com', DEMO_PASSWORD, '198.51.100.1')
    const { pruneAudit } = await import('../team/audit')
    expect(await pruneAudit(core.db, new Date(now.getTime() + 399 * 86_400_000), 400)).toBe(0)
    expect(await pruneAudit(core.db, new Date(now.getTime() + 401 * 86_400_000), 400)).toBeGreaterThan(0)
    expect(await core.db.read((tx) => tx.auditEntries(10, null))).toEqual([])
  })
})

describe('the scrypt gate', () => {
  it('runs a few checks at once, queues a few, and answers 503 beyond', async () => {
    const gate = new Gate({ running: 2, waiting: 3, busy: 'Too many sign-ins' })
    let release = () => {}
    const held = new Promise<void>((done) => (release = done))
    const runs = Array.from({ length: 5 }, () => gate.run(() => held))
    expect(gate.load).toEqual({ running: 2, waiting: 3 })
    await expect(gate.run(async () => 'never')).rejects.toMatchObject({
      code: 'SERVER_BUSY',
      details: { retryAfter: 1 },
    })
    release()
    await Promise.all(runs)
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
    expect(await gate.run(async () => 'ran')).toBe('ran')
  })
})
