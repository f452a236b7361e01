import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStream, type ServerEvent } from '../core/events/client'
import { tokenFor } from '../core/testing'
import { ENGINES, freshDatabase } from '../core/testing-engines'
import type { Host, HostOptions } from './host'
import { startTestHost } from './testing'

const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')

async function host(dbPath: string, extra: Partial<HostOptions> = {}): Promise<Host> {
  return startTestHost({ dbPath, ...extra })
}

/** An open event stream that collects what it receives; `next` waits for the next change event. */
async function listen(on: Host, token: string) {
  const received: { id: string | null; data: any; at: number }[] = []
  let opened = () => {}
  const open = new Promise<void>((resolve) => (opened = resolve))
  const stream = openEventStream({
    url: `${on.url}/api/events`,
    token: () => token,
    onState: (isOpen) => isOpen && opened(),
    onEvent: (event: ServerEvent) => received.push({ id: event.id, data: JSON.parse(event.data), at: Date.now() }),
  })
  await open
  const next = async (count = 1, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} events arrived`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return received.slice(0, count)
  }
  return { received, next, stop: () => stream.stop() }
}

const start = (on: Host, id: string, token = sarah, csmId = 'csm-456') =>
  fetch(`${on.url}/api/workflows/${id}/start`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ csmId }),
  })

describe.each(ENGINES)('GET /api/events on %s', (engine) => {
  let server: Host
  beforeAll(async () => {
    server = await host(await freshDatabase(engine))
  })
  afterAll(() => server.close())

  it('tells both CSMs of a reassignment at once: the one who lost it and the one who has it now', async () => {
    const lost = await listen(server, tokenFor('csm-202'))
    const gained = await listen(server, tokenFor('csm-303'))
    const id = (await server.core.db.read((tx) => tx.activeWorkflowIds('csm-202')))[0]!
    const answer = await fetch(`${server.url}/api/admin/workflows/reassign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('admin-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workflowIds: [id], toCsmId: 'csm-303', reason: 'Cover' }),
    })
    expect(answer.status).toBe(200)
    expect((await lost.next())[0]!.data).toMatchObject({ type: 'workflow-unassigned', workflowId: id })
    expect((await gained.next())[0]!.data).toMatchObject({ type: 'workflow-assigned', workflowId: id })
    lost.stop()
    gained.stop()
  })

  it("streams the signed-in user's changes, and only theirs", async () => {
    const mine = await listen(server, sarah)
    const theirs = await listen(server, marcus)
    expect((await start(server, 'wf-12345')).status).toBe(200)
    const [event] = await mine.next()
    expect(event!.data).toEqual({ type: 'workflow-changed', workflowId: 'wf-12345', customerId: 'cust-123' })
    expect(Number(event!.id)).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(theirs.received).toEqual([])
    mine.stop()
    theirs.stop()
  })

  it('replays what a client missed when it comes back with Last-Event-ID', async () => {
    const first = await listen(server, sarah)
    expect((await start(server, 'wf-67890')).status).toBe(200)
    const [seen] = await first.next()
    first.stop()
    const queue = await (
      await fetch(`${server.url}/api/workflows/queue/csm-456`, { headers: { authorization: `Bearer ${sarah}` } })
    ).json()
    const missedIds = (queue as any).workflows.filter((w: any) => w.workflow.status === 'pending').slice(0, 2)
    for (const w of missedIds) expect((await start(server, w.id)).status).toBe(200)
    const response = await fetch(`${server.url}/api/events`, {
      headers: { authorization: `Bearer ${sarah}`, 'last-event-id': seen!.id! },
    })
    const reader = response.body!.getReader()
    let text = ''
    while ((text.match(/event: change/g) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value)
    await reader.cancel()
    expect([...text.matchAll(/"workflowId":"([^"]+)"/g)].map((m) => m[1])).toEqual(missedIds.map((w: any) => w.id))
  })

  it('refuses a stream without a valid token', async () => {
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401)
  })

  it('sends a heartbeat while idle', async () => {
    const quick = await host(await freshDatabase(engine), { heartbeatMs: 50 })
    const response = await fetch(`${quick.url}/api/events`, { headers: { authorization: `Bearer ${sarah}` } })
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value)
    await reader.cancel()
    await quick.close()
  })

  it("ends a deactivated user's open stream at its next heartbeat", async () => {
    const quick = await host(await freshDatabase(engine), { heartbeatMs: 50 })
    const response = await fetch(`${quick.url}/api/events`, { headers: { authorization: `Bearer ${marcus}` } })
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value)
    await quick.core.db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-101'))!, active: 0 }))
    while (!(await reader.read()).done) {
      // heartbeats until the next check ends the stream
    }
    await quick.close()
  })
})

describe('events across two instances on one PostgreSQL database', () => {
  it('reach a desk connected to one instance when the change is made through the other', async () => {
    const dbPath = await freshDatabase('postgres')
    const a = await host(dbPath)
    const b = await host(dbPath)
    try {
      const desk = await listen(b, sarah)
      expect((await start(a, 'wf-12345')).status).toBe(200)
      const [event] = await desk.next(1, 15_000)
      expect(event!.data).toMatchObject({ type: 'workflow-changed', workflowId: 'wf-12345' })
      desk.stop()
    } finally {
      await a.close()
      await b.close()
    }
  })
})

describe('open event streams', () => {
  it('are capped per user and in all: beyond, 429 with Retry-After; a closed one frees its place', async () => {
    const on = await host(await freshDatabase('sqlite'), { eventStreams: { perUser: 2, total: 3 } })
    try {
      const open = (token: string) => fetch(`${on.url}/api/events`, { headers: { authorization: `Bearer ${token}` } })
      const first = await listen(on, sarah)
      const second = await listen(on, sarah)
      const third = await open(sarah)
      expect(third.status).toBe(429)
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
      const marcusStream = await listen(on, marcus)
      expect((await open(tokenFor('csm-202'))).status).toBe(429)
      first.stop()
      marcusStream.stop()
      const deadline = Date.now() + 10_000
      let again = await open(sarah)
      while (again.status === 429 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 50))
        again = await open(sarah)
      }
      expect(again.status).toBe(200)
      await again.body?.cancel()
      second.stop()
    } finally {
      await on.close()
    }
  })
})
