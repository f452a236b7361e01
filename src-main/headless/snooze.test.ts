import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addDays, fixedClock } from '../core/clock'
import { tokenFor } from '../core/testing'
import { ENGINES, freshDatabase } from '../core/testing-engines'
import type { Host } from './host'
import { startTestHost } from './testing'

const sarah = tokenFor('csm-456')

describe.each(ENGINES)('snooze and resume on %s', (engine) => {
  let dbPath: string
  let host: Host
  const at = async (day: string) => {
    await host?.close()
    host = await startTestHost({ dbPath, demo: true, clock: fixedClock(`${day}T14:00:00Z`) })
  }
  beforeAll(async () => {
    dbPath = await freshDatabase(engine)
  })
  beforeEach(() => at('2025-12-28'))
  afterAll(() => host.close())

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${host.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${sarah}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const queue = async () => (await call('GET', '/workflows/queue/csm-456')).body

  it('takes a snoozed workflow out of the queue and its counts, and lists it apart', async () => {
    const before = await queue()
    const id = before.workflows.find((w: any) => w.workflow.daysUntilRenewal > 30).id
    const snoozed = await call('POST', `/workflows/${id}/snooze`, {
      until: '2026-01-05',
      reason: 'Customer on holiday',
    })
    expect(snoozed).toMatchObject({ status: 200, body: { workflow: { id, snooze: { until: '2026-01-05' } } } })
    const after = await queue()
    expect(after.workflows.map((w: any) => w.id)).not.toContain(id)
    expect(after.snoozed).toEqual([
      expect.objectContaining({
        id,
        workflow: expect.objectContaining({ snooze: { until: '2026-01-05', reason: 'Customer on holiday' } }),
      }),
    ])
    expect(after.stats.snoozed).toBe(1)
    expect(after.stats.pending + after.stats.inProgress).toBe(before.stats.pending + before.stats.inProgress - 1)
    expect((await call('GET', `/workflows/${id}/context`)).body.workflow).toMatchObject({ snoozed: true })
  })

  it('wakes it on its day by the business clock, and a resume wakes it at once', async () => {
    const id = (await queue()).snoozed[0].id
    await at('2026-01-05')
    expect((await queue()).workflows.map((w: any) => w.id)).toContain(id)
    await at('2025-12-28')
    expect((await queue()).snoozed.map((w: any) => w.id)).toEqual([id])
    expect((await call('POST', `/workflows/${id}/resume`)).body.workflow.snooze).toBeNull()
    expect((await queue()).workflows.map((w: any) => w.id)).toContain(id)
  })

  it('never lets a workflow sleep through its renewal: it wakes when the account enters Emergency', async () => {
    const item = (await queue()).workflows.find(
      (w: any) => w.workflow.daysUntilRenewal >= 20 && w.workflow.daysUntilRenewal <= 80,
    )
    const renewal: string = item.customer.renewalDate
    expect((await call('POST', `/workflows/${item.id}/snooze`, { until: addDays(renewal, 5) })).status).toBe(200)
    await at(addDays(renewal, -7)) // Critical: still asleep
    expect((await queue()).snoozed.map((w: any) => w.id)).toContain(item.id)
    await at(addDays(renewal, -6)) // Emergency: awake, days before its snooze ends
    expect((await queue()).workflows.map((w: any) => w.id)).toContain(item.id)
  })

  it('refuses a day in the past or more than 90 days ahead (400), and a completed workflow (409)', async () => {
    expect(
      (await call('POST', '/workflows/wf-12345/snooze', { until: '2025-12-28' })).body.error.details.fields,
    ).toHaveProperty('until')
    expect((await call('POST', '/workflows/wf-12345/snooze', { until: '2026-03-29' })).status).toBe(400)
    expect((await call('POST', '/workflows/wf-12345/snooze', { until: 'soon' })).status).toBe(400)
    await call('POST', '/workflows/wf-12345/start', { csmId: 'csm-456' })
    await call('POST', '/workflows/wf-12345/complete', { totalDuration: 60, status: 'success' })
    expect(await call('POST', '/workflows/wf-12345/snooze', { until: '2026-01-05' })).toMatchObject({
      status: 409,
      body: { error: { code: 'WORKFLOW_COMPLETED' } },
    })
  })
})
