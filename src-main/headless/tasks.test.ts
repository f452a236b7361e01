import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenFor } from '../core/testing'
import { ENGINES, freshDatabase } from '../core/testing-engines'
import type { Host } from './host'
import { startTestHost } from './testing'

const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')
const priya = tokenFor('csm-202')

describe.each(ENGINES)('tasks on %s', (engine) => {
  let host: Host
  beforeAll(async () => {
    host = await startTestHost({ dbPath: await freshDatabase(engine) })
  })
  afterAll(() => host.close())

  const call = async (method: string, path: string, body?: unknown, token = sarah) => {
    const response = await fetch(`${host.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  it("turns a step's next actions into tasks, on the task list and in the account's context", async () => {
    expect((await call('POST', '/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    const step = {
      duration: 60,
      outputs: {
        decision: 'proceed',
        nextActions: [
          { type: 'task', description: 'Schedule renewal strategy call', dueDate: '2026-01-05', priority: 'high' },
          { type: 'reminder', description: 'Check usage again' },
        ],
      },
    }
    expect((await call('POST', '/workflows/wf-12345/steps/analyze-arr-performance/complete', step)).status).toBe(200)
    const { tasks } = (await call('GET', '/tasks?status=open')).body
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'wf-12345.analyze-arr-performance.0',
          customerId: 'cust-123',
          customerName: 'Acme Corporation',
          workflowId: 'wf-12345',
          description: 'Schedule renewal strategy call',
          dueDate: '2026-01-05',
          priority: 'high',
          status: 'open',
        }),
        expect.objectContaining({ description: 'Check usage again', dueDate: null, priority: null }),
      ]),
    )
    const context = (await call('GET', '/workflows/wf-12345/context')).body
    expect(context.tasks.map((t: any) => t.description)).toContain('Schedule renewal strategy call')
  })

  it('adds a task of their own to one of their accounts, and only there', async () => {
    const added = await call('POST', '/tasks', {
      customerId: 'cust-123',
      description: 'Send QBR deck',
      dueDate: '2026-01-02',
    })
    expect(added.status).toBe(200)
    expect(added.body.task).toMatchObject({
      customerId: 'cust-123',
      description: 'Send QBR deck',
      status: 'open',
      workflowId: null,
    })
    const others = await call('POST', '/tasks', { customerId: 'cust-123', description: 'Not mine' }, priya)
    expect(others).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    expect((await call('POST', '/tasks', { customerId: 'cust-nope', description: 'x' })).status).toBe(404)
    const bad = await call('POST', '/tasks', { customerId: 'cust-123', description: ' ', dueDate: 'soon' })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['description', 'dueDate'])
  })

  it('marks a task done and open again; done twice changes nothing; another CSM gets 403', async () => {
    const id = 'wf-12345.analyze-arr-performance.0'
    const done = await call('POST', `/tasks/${id}/complete`, { completedAt: '2025-12-28T15:00:00Z' })
    expect(done.body.task).toMatchObject({ status: 'done', completedAt: '2025-12-28T15:00:00.000Z' })
    expect((await call('POST', `/tasks/${id}/complete`, {})).body.task.completedAt).toBe('2025-12-28T15:00:00.000Z')
    expect((await call('GET', '/tasks?status=done')).body.tasks.map((t: any) => t.id)).toEqual([id])
    expect((await call('GET', '/workflows/wf-12345/context')).body.tasks.map((t: any) => t.id)).not.toContain(id)
    expect((await call('POST', `/tasks/${id}/complete`, {}, marcus)).status).toBe(403)
    expect((await call('POST', '/tasks/no-such-task/complete', {})).status).toBe(404)
    expect((await call('POST', `/tasks/${id}/reopen`, {})).body.task).toMatchObject({
      status: 'open',
      completedAt: null,
    })
    expect((await call('GET', '/tasks?status=later')).status).toBe(400)
  })
})

describe.each(ENGINES)("the account's history on %s", (engine) => {
  let host: Host
  beforeAll(async () => {
    host = await startTestHost({ dbPath: await freshDatabase(engine) })
  })
  afterAll(() => host.close())

  it("shows the earlier workflows of the account, the previous CSM's included, newest first", async () => {
    const context = await (
      await fetch(`${host.url}/api/workflows/wf-12345/context`, { headers: { authorization: `Bearer ${sarah}` } })
    ).json()
    expect((context as any).history).toEqual([
      expect.objectContaining({
        workflowId: 'wf-11001',
        type: 'negotiate-renewal',
        assignee: { id: 'csm-101', name: 'Marcus Chen', email: 'marcus@company.com' },
        outcome: expect.objectContaining({ status: 'partial', notes: expect.stringMatching(/2-year term/) }),
        steps: expect.arrayContaining([
          expect.objectContaining({ result: expect.objectContaining({ completedBy: 'marcus@company.com' }) }),
        ]),
      }),
    ])
  })
})

describe.each(ENGINES)('reminders on %s', (engine) => {
  let host: Host
  beforeAll(async () => {
    host = await startTestHost({ dbPath: await freshDatabase(engine) })
  })
  afterAll(() => host.close())
  const get = async (path: string) =>
    (await (await fetch(`${host.url}/api${path}`, { headers: { authorization: `Bearer ${sarah}` } })).json()) as any

  it('name each urgent renewal and each task due today or late, with a key that stays the same', async () => {
    await fetch(`${host.url}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sarah}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cust-123', description: 'Call the CFO', dueDate: '2025-12-28' }),
    })
    const { reminders } = await get('/reminders')
    expect(reminders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'renewal-urgent',
          key: 'renewal-urgent:wf-12345:Emergency',
          target: { workflowId: 'wf-12345' },
        }),
        expect.objectContaining({ kind: 'renewal-urgent', title: 'Lumen Analytics: Overdue' }),
        expect.objectContaining({ kind: 'task-due', title: 'Due today: Call the CFO', target: { tasks: true } }),
      ]),
    )
    expect(reminders.some((r: any) => r.title.startsWith('TechCo'))).toBe(false) // Critical, not urgent
    expect((await get('/reminders')).reminders.map((r: any) => r.key)).toEqual(reminders.map((r: any) => r.key))
  })
})
