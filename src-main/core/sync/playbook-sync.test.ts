import { afterEach, describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, callApi, demoUser, testCore, tokenFor } from '../testing'
import { ENGINES, engineCore } from '../testing-engines'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'
import { exampleStep } from '../playbooks/testing'

const admin = tokenFor('admin-1')
const user = demoUser('csm-456')
const step = (decision: string) => ({ duration: 60, status: 'completed', outputs: { decision } })
const EXTRA_STEP = exampleStep('loop-in-legal', 'Loop in Legal', '<p>Tell Legal about {{customer.name}}.</p>')

describe.each(ENGINES)('playbook versions between a desk and the team server (%s)', (engine) => {
  let server: Core
  let desk: Core
  afterEach(async () => {
    await desk?.close()
    await server?.close()
  })
  const call = (method: string, path: string, body?: unknown) => callApi(server, method, path, admin, body)
  /** An admin adds a step at the end of a renewal playbook and publishes it. */
  const publishWithExtraStep = async (id: string) => {
    const { published } = (await call('GET', `/admin/playbooks/${id}`)).body
    await call('PUT', `/admin/playbooks/${id}/draft`, { ...published, steps: [...published.steps, EXTRA_STEP] })
    const answer = await call('POST', `/admin/playbooks/${id}/publish`, { note: 'Legal' })
    expect(answer.status).toBe(200)
  }
  const setup = async () => {
    server = await engineCore(engine)
    desk = await testCore()
    const sync = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...user, name: user.email }, () => 0.5)
    sync.connect(new InProcessRemote(server, signToken(user, TEST_SECRET)) as unknown as Remote)
    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    return sync
  }

  it('a desk offline keeps the version it began on and gets the new ones on reconnect', async () => {
    const sync = await setup()
    // Offline: Sarah starts Acme's pending workflow and records a step; her Brightline workflow goes on.
    await desk.workflows.start(user, 'wf-12345', { csmId: user.id })
    await desk.workflows.completeStep(user, 'wf-12345', 'analyze-arr-performance', step('proceed'))
    await desk.workflows.completeStep(user, 'wf-20001', 'prepare-renewal-quote', step('flat'))
    // Meanwhile the team publishes new versions of both playbooks, and of TechCo's (pending) too.
    await publishWithExtraStep('emergency-renewal')
    await publishWithExtraStep('finalize-renewal')
    await publishWithExtraStep('critical-renewal')

    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const onServer = async (id: string) => (await call('GET', `/workflows/${id}/context`)).body.workflow
    expect(await onServer('wf-12345')).toMatchObject({ playbookVersion: 1, status: 'in_progress' })
    expect((await onServer('wf-12345')).steps.map((s: { id: string }) => s.id)).not.toContain('loop-in-legal')
    expect((await onServer('wf-20001')).playbookVersion).toBe(1)
    // The desk now has the new versions: TechCo's pending workflow shows the new step, here too.
    expect((await desk.workflows.context(user, 'wf-67890')).workflow).toMatchObject({
      playbookVersion: 2,
      steps: expect.arrayContaining([expect.objectContaining({ id: 'loop-in-legal' })]),
    })
    expect(desk.store.playbookVersion('finalize-renewal', 2)).toBeDefined()
    // Brightline finishes on version 1, on the desk and on the server.
    await desk.workflows.completeStep(user, 'wf-20001', 'align-stakeholders', step('aligned'))
    await desk.workflows.completeStep(user, 'wf-20001', 'agree-final-terms', {
      ...step('agreed'),
      outputs: { decision: 'agreed', notes: 'Signed off' },
    })
    await desk.workflows.completeWorkflow(user, 'wf-20001', { totalDuration: 300, status: 'success' })
    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    expect(await onServer('wf-20001')).toMatchObject({ status: 'completed', playbookVersion: 1, steps: { length: 4 } })
  })

  it('starts one of the team’s own playbooks offline, through the outbox, on the id the desk gave it', async () => {
    await (async () => {
      server = await engineCore(engine)
      await call('POST', '/admin/playbooks', {
        name: 'Onboarding',
        title: 'Onboard the account',
        steps: [
          { ...EXTRA_STEP, id: 'kickoff', name: 'Kick-off call', template: '<p>Kick off with {{customer.name}}</p>' },
        ],
      })
      await call('POST', '/admin/playbooks/onboarding/publish', {})
    })()
    desk = await testCore()
    const sync = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...user, name: user.email }, () => 0.5)
    sync.connect(new InProcessRemote(server, signToken(user, TEST_SECRET)) as unknown as Remote)
    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })

    const started = await desk.workflows.startPlaybook(user, 'cust-123', {
      playbook: 'onboarding',
      dueDate: '2026-01-15',
    })
    const id = started.workflow.id
    await desk.workflows.start(user, id, { csmId: user.id })
    await desk.workflows.completeStep(user, id, 'kickoff', step('done'))
    expect(sync.outbox().map((e) => e.kind)).toEqual(['start-playbook', 'start', 'complete-step'])

    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const wf = (await call('GET', `/workflows/${id}/context`)).body.workflow
    expect(wf).toMatchObject({
      type: 'onboarding',
      dueDate: '2026-01-15',
      status: 'in_progress',
      completedSteps: ['kickoff'],
    })
    // Sent twice (a resend after a lost answer), it is still one workflow.
    expect(
      (
        await call('POST', '/accounts/cust-123/workflows', {
          id,
          playbook: 'onboarding',
          dueDate: '2026-01-15',
          assigneeId: user.id,
        })
      ).status,
    ).toBe(200)
    expect(
      (await call('GET', '/workflows/queue/csm-456')).body.workflows.filter((w: { id: string }) => w.id === id),
    ).toHaveLength(1)

    // Completed, then the team adds a step: the account's history keeps the steps it ran on, on the desk too.
    await desk.workflows.completeWorkflow(user, id, { totalDuration: 300, status: 'success' })
    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const { published } = (await call('GET', '/admin/playbooks/onboarding')).body
    await call('PUT', '/admin/playbooks/onboarding/draft', { ...published, steps: [...published.steps, EXTRA_STEP] })
    expect((await call('POST', '/admin/playbooks/onboarding/publish', {})).body.version).toBe(2)
    expect(await sync.sync()).toMatchObject({ pending: 0, rejected: 0 })
    const history = (await desk.workflows.context(user, 'wf-12345')).history
    expect(history.find((h) => h.workflowId === id)).toMatchObject({ playbookVersion: 1, steps: [{ id: 'kickoff' }] })
  })
})
