import { describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { reassign } from '../team/reassign'
import { deactivateUser } from '../team/users'
import { TEST_SECRET, demoUser, testCore } from '../testing'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

// Sarah works offline on her desk while the team server moves her work elsewhere.
const sarah = demoUser('csm-456')
const marcus = demoUser('csm-101')
const admin = demoUser('admin-1')

async function setup() {
  const server: Core = await testCore()
  const desk: Core = await testCore()
  const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...sarah, name: 'Sarah Johnson' }, () => 0.5)
  engine.connect(new InProcessRemote(server, signToken(sarah, TEST_SECRET)) as unknown as Remote)
  // The desk has synced once: it holds the server's workflows.
  await engine.sync()
  return { server, desk, engine }
}

async function workOffline(desk: Core) {
  await desk.workflows.start(sarah, 'wf-12345', { csmId: sarah.id })
  await desk.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', {
    duration: 60,
    outputs: {
      decision: 'proceed',
      notes: 'CFO wants a two-year term',
      nextActions: [{ type: 'call', description: 'Call the CFO' }],
    },
  })
}

const moveToMarcus = (server: Core) =>
  server.db.write((tx) =>
    reassign(tx, admin, new Date(), { workflowIds: ['wf-12345'], toCsmId: 'csm-101', reason: 'Sarah is away' }),
  )

describe('work recorded before a reassignment', () => {
  it('lands as steps, credited to Sarah, when Marcus has not touched the workflow; her desk lets go and says so', async () => {
    const { server, desk, engine } = await setup()
    await workOffline(desk)
    await moveToMarcus(server)

    const status = await engine.sync()
    expect(status).toMatchObject({ pending: 0, rejected: 0 })
    expect(status.notices[0]!.text).toBe(
      'Acme Corporation renewal was reassigned to Marcus Chen; your 2 changes landed on it before the handover.',
    )
    const context = await server.workflows.context(marcus, 'wf-12345')
    expect(context.workflow).toMatchObject({ status: 'in_progress', assignee: { id: 'csm-101' } })
    expect(context.workflow.steps[0]!.result).toMatchObject({
      completedBy: 'sarah@company.com',
      outputs: { notes: 'CFO wants a two-year term' },
    })
    // Her next action went with the step: it is Marcus's task now.
    expect((await server.tasks.list(marcus, 'open')).tasks.map((t) => t.description)).toContain('Call the CFO')
    expect(desk.store.workflow('wf-12345')).toBeUndefined()
    expect((await desk.workflows.queue(sarah, 'csm-456')).workflows.map((w) => w.id)).not.toContain('wf-12345')
  })

  it('is handed over, readable by Marcus and admins, when Marcus already worked on it', async () => {
    const { server, desk, engine } = await setup()
    await workOffline(desk)
    await moveToMarcus(server)
    await server.workflows.start(marcus, 'wf-12345', { csmId: marcus.id })

    const status = await engine.sync()
    expect(status).toMatchObject({ pending: 0, rejected: 0 })
    expect(status.notices[0]!.text).toBe(
      'Acme Corporation renewal was reassigned to Marcus Chen; your 2 changes were handed over.',
    )
    const context = await server.workflows.context(marcus, 'wf-12345')
    expect(context.handovers).toEqual([
      expect.objectContaining({
        from: { id: 'csm-456', name: 'Sarah Johnson', email: 'sarah@company.com' },
        why: 'reassigned',
        changes: [
          expect.objectContaining({ kind: 'start' }),
          expect.objectContaining({
            kind: 'complete-step',
            body: expect.objectContaining({ outputs: expect.objectContaining({ notes: 'CFO wants a two-year term' }) }),
          }),
        ],
      }),
    ])
    expect((await server.workflows.context(admin, 'wf-12345')).handovers).toHaveLength(1)
    expect(server.store.stepResults('wf-12345')).toEqual([])
    expect(desk.store.workflow('wf-12345')).toBeUndefined()
  })

  it('is refused to someone who never held the workflow', async () => {
    const { server } = await setup()
    const answer = await server.api.fetch(
      new Request('http://server/api/workflows/wf-12345/handover', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${signToken(demoUser('csm-202'), TEST_SECRET)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          changes: [{ kind: 'start', path: '/workflows/wf-12345/start', body: {}, recordedAt: '2025-12-28T10:00:00Z' }],
        }),
      }),
    )
    expect(answer.status).toBe(403)
    expect(server.store.workflow('wf-12345')!.status).toBe('pending')
  })
})

describe('work recorded on a workflow superseded meanwhile', () => {
  it('is kept with the closed workflow and offered to its successor', async () => {
    const { server, desk, engine } = await setup()
    await workOffline(desk)
    // The renewal date moved: the planner supersedes the workflow and plans a new one.
    const acme = server.store.customer('cust-123')!
    server.store.upsertCustomer({ ...acme, renewal_date: '2026-06-30' })
    await server.planner.run()
    expect(server.store.workflow('wf-12345')!.status).toBe('superseded')

    const status = await engine.sync()
    expect(status).toMatchObject({ pending: 0, rejected: 0 })
    expect(status.notices[0]!.text).toMatch(
      /closed on the server meanwhile; your 2 changes are kept with it, and offered/,
    )
    expect((await server.workflows.context(sarah, 'wf-12345')).handovers).toHaveLength(1)
    const successor = (await server.workflows.queue(sarah, 'csm-456')).workflows.find(
      (w) => w.customer.id === 'cust-123',
    )!
    const next = await server.workflows.context(sarah, successor.id)
    expect(next.handovers![0]).toMatchObject({ why: 'superseded', from: { id: 'csm-456' } })
    // Her desk has it too, offline.
    expect((await desk.workflows.context(sarah, successor.id)).handovers).toHaveLength(1)
  })
})

describe('tasks follow their work', () => {
  it('go with a reassigned workflow, and with a deactivated CSM’s accounts to whoever takes them', async () => {
    const { server } = await setup()
    await server.workflows.start(sarah, 'wf-12345', { csmId: sarah.id })
    await server.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', {
      duration: 60,
      outputs: { decision: 'proceed', nextActions: [{ type: 'email', description: 'Send the quote' }] },
    })
    await moveToMarcus(server)
    expect((await server.tasks.list(marcus, 'open')).tasks.map((t) => t.description)).toContain('Send the quote')
    expect((await server.tasks.list(sarah, 'open')).tasks.map((t) => t.description)).not.toContain('Send the quote')

    await server.tasks.create(sarah, { customerId: 'cust-456', description: 'Check in after the holidays' })
    await server.db.write((tx) => deactivateUser(tx, admin, new Date(), 'csm-456', { reassignTo: 'csm-202' }))
    const priya = demoUser('csm-202')
    expect((await server.tasks.list(priya, 'open')).tasks.map((t) => t.description)).toContain(
      'Check in after the holidays',
    )
  })
})
