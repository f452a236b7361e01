import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { seedDemo } from '../demo/demo'
import type { Core } from '../index'
import { ENGINES, engineCore, freshDatabase } from '../testing-engines'
import { contractClock, tokenFor } from '../testing'
import { openDb } from '../store/open'
import { clientAddress } from './client-address'
import type { ApiEnv } from './env'

describe.each(ENGINES)('bad input changes nothing (%s)', (engine) => {
  let core: Core | undefined
  afterEach(async () => {
    await core?.close()
    core = undefined
  })
  const call = async (method: string, path: string, body?: string, token = tokenFor('csm-456')) => {
    const response = await core!.api.fetch(
      new Request(`http://desk.local/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      }),
    )
    return { status: response.status, body: (await response.json()) as any }
  }

  it('answers a NUL character in the path, the query or the body with a 400 in the contract format', async () => {
    core = await engineCore(engine)
    for (const [method, path, body] of [
      ['GET', '/workflows/%00/context'],
      ['GET', '/tasks?status=open%00'],
      ['POST', '/workflows/wf-12345/start', JSON.stringify({ csmId: 'csm-456\u0000' })],
      ['POST', '/tasks', JSON.stringify({ customerId: 'cust-123', title: 'ok', note: { ['a\u0000']: 1 } })],
    ] as const) {
      const answer = await call(method, path, body)
      expect(answer.status, path).toBe(400)
      expect(answer.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } })
    }
    expect((await call('GET', '/workflows/wf-12345/context')).body.workflow.status).toBe('pending')
  })

  it("tells neither who owns another CSM's workflow nor, in a batch, whether it exists", async () => {
    core = await engineCore(engine)
    const marcus = tokenFor('csm-101')
    const refused = await call('POST', '/workflows/wf-12345/start', JSON.stringify({ csmId: 'csm-101' }), marcus)
    expect(refused.status).toBe(403)
    expect(JSON.stringify(refused.body)).not.toMatch(/csm-456|sarah/i)
    const batch = await call('POST', '/workflows/contexts', JSON.stringify({ ids: ['wf-12345', 'wf-nope'] }), marcus)
    expect(batch.body.unavailable).toEqual([
      { id: 'wf-12345', code: 'WORKFLOW_NOT_FOUND' },
      { id: 'wf-nope', code: 'WORKFLOW_NOT_FOUND' },
    ])
  })

  it('seeds the demo only into an empty database: not one that has users', async () => {
    const url = await freshDatabase(engine)
    const db = await openDb(url)
    try {
      await db.write((tx) =>
        tx.insertUser({ id: 'u-1', name: 'Lee', email: 'lee@team.io', experience: 'mid', role: 'admin', active: 1 }),
      )
      expect(await seedDemo(db, contractClock)).toBe(false)
      expect((await db.read((tx) => tx.users())).map((u) => u.email)).toEqual(['lee@team.io'])
    } finally {
      await db.close()
    }
  })
})

describe('the client address', () => {
  const app = (trustProxy: boolean) => new Hono<ApiEnv>().get('/', (c) => c.text(clientAddress(c as never, trustProxy)))
  const ask = async (trustProxy: boolean, forwarded?: string) => {
    const request = new Request('http://x/', { headers: forwarded ? { 'x-forwarded-for': forwarded } : {} })
    return (await app(trustProxy).fetch(request, { clientAddress: '10.1.1.1' })).text()
  }

  it('is the socket’s, unless the host trusts its proxy; then the address the proxy appended', async () => {
    expect(await ask(false, '1.2.3.4')).toBe('10.1.1.1')
    expect(await ask(true, 'spoofed-by-client, 198.51.100.9')).toBe('198.51.100.9')
    expect(await ask(true)).toBe('10.1.1.1')
  })
})
