import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { callApi, tokenFor } from '../testing'
import { ENGINES, engineCore } from '../testing-engines'
import type { PlaybookBody } from './types'
import { exampleStep } from './testing'

const admin = tokenFor('admin-1')
const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')

/** A step an admin adds to finalize-renewal. */
const SECURITY_REVIEW = {
  ...exampleStep(
    'security-review',
    'Security Review',
    '<p>Ask {{customer.name}} whether security needs a new questionnaire.</p>',
    'cleared',
  ),
  skipReasons: ['No security questionnaire this year'],
}

describe.each(ENGINES)('playbooks (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())
  const call = (method: string, path: string, token: string, body?: unknown) => callApi(core, method, path, token, body)
  const playbook = async (id: string) => (await call('GET', `/admin/playbooks/${id}`, admin)).body
  const context = async (id: string, token = admin) =>
    (await call('GET', `/workflows/${id}/context`, token)).body.workflow
  const finalizeWith = async (change: (body: PlaybookBody) => PlaybookBody) => {
    const { published } = await playbook('finalize-renewal')
    return call('PUT', '/admin/playbooks/finalize-renewal/draft', admin, change(published))
  }
  const addStep = (body: PlaybookBody): PlaybookBody => ({
    ...body,
    steps: [body.steps[0]!, SECURITY_REVIEW, ...body.steps.slice(1)],
  })

  it('seeds the nine renewal playbooks as version 1; only admins read or change them', async () => {
    core = await engineCore(engine)
    const list = await call('GET', '/admin/playbooks', admin)
    expect(list.body.playbooks).toHaveLength(9)
    expect(list.body.playbooks).toContainEqual(
      expect.objectContaining({
        id: 'finalize-renewal',
        kind: 'renewal',
        stage: 'Finalize',
        publishedVersion: 1,
        hasDraft: false,
      }),
    )
    const finalize = await playbook('finalize-renewal')
    expect(finalize.draft).toBeNull()
    expect(finalize.versions).toEqual([expect.objectContaining({ version: 1, note: 'As shipped' })])
    expect(finalize.published.steps.map((s: { id: string }) => s.id)).toEqual([
      'review-account-health',
      'prepare-renewal-quote',
      'align-stakeholders',
      'agree-final-terms',
    ])
    expect(finalize.published.steps[0].template).toContain('{{customer.name}} renews in')
    expect((await call('GET', '/admin/playbooks', sarah)).status).toBe(403)
    expect((await call('PUT', '/admin/playbooks/finalize-renewal/draft', sarah, finalize.published)).status).toBe(403)
    expect((await context('wf-30008')).playbookVersion).toBe(1)
  })

  it('publishes a draft: pending workflows move to it, in-progress ones finish on their own version, and history keeps each one’s steps', async () => {
    core = await engineCore(engine)
    expect((await finalizeWith(addStep)).status).toBe(200)
    expect(await playbook('finalize-renewal')).toMatchObject({
      draft: { steps: { length: 5 } },
      published: { steps: { length: 4 } },
    })
    const published = await call('POST', '/admin/playbooks/finalize-renewal/publish', admin, {
      note: 'Security review',
    })
    expect(published.body).toMatchObject({ success: true, version: 2 })
    expect(published.body.moved).toBeGreaterThanOrEqual(9)

    const pending = await context('wf-30008')
    expect(pending.playbookVersion).toBe(2)
    expect(pending.steps.map((s: { id: string }) => s.id)).toContain('security-review')
    const content = await call('GET', '/workflows/wf-30008/steps/security-review/content', marcus)
    expect(content.body.html).toBe('<p>Ask Wonka Confections whether security needs a new questionnaire.</p>')

    const begun = await context('wf-20001', sarah)
    expect(begun.playbookVersion).toBe(1)
    expect(begun.steps.map((s: { id: string }) => s.id)).not.toContain('security-review')
    // Sarah finishes on version 1: its next step is still the one she had.
    const step = await call('POST', '/workflows/wf-20001/steps/prepare-renewal-quote/complete', sarah, {
      completedBy: 'sarah@company.com',
      duration: 60,
      status: 'completed',
      outputs: { decision: 'flat' },
    })
    expect(step.status).toBe(200)
    const done = await call('POST', '/workflows/wf-20001/complete', sarah, {
      completedBy: 'sarah@company.com',
      totalDuration: 600,
      status: 'success',
    })
    expect(done.status).toBe(200)
    expect((await context('wf-20001', sarah)).steps).toHaveLength(4)

    // Versions never change, and the draft is gone once published.
    const finalize = await playbook('finalize-renewal')
    expect(finalize.draft).toBeNull()
    expect(finalize.versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
    expect(
      await core.db.write((tx) =>
        tx.insertPlaybookVersion({
          playbook_id: 'finalize-renewal',
          version: 1,
          body_json: '{}',
          published_at: 'x',
          published_by: 'x',
          note: 'x',
        }),
      ),
    ).toBe(false)
    const rewrite =
      engine === 'sqlite'
        ? () => core.store.db.prepare("UPDATE playbook_versions SET body_json = '{}'").run()
        : () => core.db.write((tx) => (tx as any).run("UPDATE playbook_versions SET body_json = '{}'"))
    await expect(async () => rewrite()).rejects.toThrow(/never changes/)
    expect((await playbook('finalize-renewal')).published.steps).toHaveLength(5)
  })

  it('rolls back by publishing a copy of an older version, audited', async () => {
    core = await engineCore(engine)
    await finalizeWith(addStep)
    await call('POST', '/admin/playbooks/finalize-renewal/publish', admin, { note: 'Security review' })
    const back = await call('POST', '/admin/playbooks/finalize-renewal/rollback', admin, { version: 1 })
    expect(back.body).toMatchObject({ success: true, version: 3 })
    expect((await context('wf-30008')).playbookVersion).toBe(3)
    expect((await context('wf-30008')).steps).toHaveLength(4)
    expect((await call('POST', '/admin/playbooks/finalize-renewal/rollback', admin, { version: 9 })).status).toBe(400)
    const audit = await call('GET', '/admin/audit?limit=10', admin)
    const actions = audit.body.entries.map((e: { action: string }) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['playbook-draft-saved', 'playbook-published', 'playbook-rolled-back']),
    )
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'playbook-rolled-back')).toMatchObject({
      subject: 'finalize-renewal',
      details: { version: 3, from: 1 },
    })
  })

  it('refuses to publish a draft that breaks a template, reads an unknown path, injects script or drops a recorded option, with precise errors', async () => {
    core = await engineCore(engine)
    await finalizeWith((body) => ({
      ...body,
      steps: body.steps.map((step, i) => {
        if (i === 0)
          return {
            ...step,
            // Brightline's in-progress workflow recorded "healthy" here.
            outputs: {
              ...step.outputs,
              decision: { ...step.outputs.decision, options: step.outputs.decision.options.slice(1) },
            },
            template: '<p>{{customer.name}}</p>\n<p>{{customer.nickname}}</p>',
          }
        if (i === 1) return { ...step, template: 'Fine\n{{#if customer.arr}}\nunclosed' }
        if (i === 2) return { ...step, template: '{{shout customer.name}}' }
        return { ...step, template: '<p>Hi</p><script>fetch("https://evil.example")</script>' }
      }),
    }))
    const check = await call('POST', '/admin/playbooks/finalize-renewal/draft/check', admin)
    expect(check.body.ok).toBe(false)
    expect(check.body.workflows).toBeGreaterThan(60)
    const problems = check.body.problems
    expect(problems).toContainEqual(
      expect.objectContaining({
        stepId: 'review-account-health',
        kind: 'unknown-path',
        path: 'customer.nickname',
        line: 2,
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({ stepId: 'review-account-health', kind: 'option-removed', workflowId: 'wf-20001' }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        stepId: 'prepare-renewal-quote',
        kind: 'template',
        line: 3,
        message: expect.stringMatching(/still open/),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        stepId: 'align-stakeholders',
        kind: 'template',
        message: expect.stringMatching(/unknown helper "shout"/),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        stepId: 'agree-final-terms',
        kind: 'template',
        message: expect.stringMatching(/script/),
      }),
    )
    const publish = await call('POST', '/admin/playbooks/finalize-renewal/publish', admin, { note: 'broken' })
    expect(publish.status).toBe(422)
    expect(publish.body.error).toMatchObject({ code: 'PLAYBOOK_INVALID', details: { problems: expect.any(Array) } })
    expect((await playbook('finalize-renewal')).versions).toHaveLength(1)
    expect((await context('wf-30008')).playbookVersion).toBe(1)
  })

  it('reports a value missing on the sparse book, on its line, with the first workflow it fails on', async () => {
    core = await engineCore(engine)
    await finalizeWith((body) => ({
      ...body,
      steps: body.steps.map((step, i) =>
        i ? step : { ...step, template: '<p>{{customer.name}}</p>\n<p>{{intelligence.sentiment}}</p>' },
      ),
    }))
    const { problems } = (await call('POST', '/admin/playbooks/finalize-renewal/draft/check', admin)).body
    expect(problems).toContainEqual(
      expect.objectContaining({
        stepId: 'review-account-health',
        kind: 'missing',
        path: 'intelligence.sentiment',
        line: 2,
        workflowId: expect.any(String),
      }),
    )
  })

  it('previews the unsaved draft on one real workflow, escaping what an account holds', async () => {
    core = await engineCore(engine)
    const { published } = await playbook('finalize-renewal')
    await core.db.write(async (tx) => {
      const acme = (await tx.customer('cust-123'))!
      await tx.upsertCustomer({ ...acme, name: 'Acme <script>alert(1)</script>' })
    })
    const draft = {
      ...published,
      steps: [{ ...published.steps[0], template: '<p>{{customer.name}}</p>' }, ...published.steps.slice(1)],
    }
    const preview = await call('POST', '/admin/playbooks/finalize-renewal/draft/preview?workflowId=wf-12345', admin, {
      playbook: draft,
    })
    expect(preview.body.steps[0]).toEqual({
      id: 'review-account-health',
      name: 'Review Account Health',
      html: '<p>Acme &lt;script&gt;alert(1)&lt;/script&gt;</p>',
      missing: [],
      error: null,
    })
    const broken = {
      ...draft,
      steps: [{ ...draft.steps[0], template: '{{{customer.name}}}' }, ...draft.steps.slice(1)],
    }
    const refused = await call('POST', '/admin/playbooks/finalize-renewal/draft/preview?workflowId=wf-12345', admin, {
      playbook: broken,
    })
    expect(refused.body.steps[0]).toMatchObject({
      html: null,
      error: { message: expect.stringMatching(/raw output/), line: 1 },
    })
    expect(
      (await call('POST', '/admin/playbooks/finalize-renewal/draft/preview', admin, { playbook: draft })).status,
    ).toBe(400)
  })

  it('lets an admin create a playbook of the team’s own, which a CSM starts on an account and completes', async () => {
    core = await engineCore(engine)
    const ebr = {
      name: 'Executive business review',
      title: 'Run the executive business review',
      steps: [
        {
          ...SECURITY_REVIEW,
          id: 'prepare-deck',
          name: 'Prepare the deck',
          template: '<p>Deck for {{customer.name}}</p>',
        },
        {
          ...SECURITY_REVIEW,
          id: 'hold-review',
          name: 'Hold the review',
          skippable: false,
          template: '<p>Meet {{customer.owner.name}}</p>',
        },
      ],
    }
    const created = await call('POST', '/admin/playbooks', admin, ebr)
    expect(created.body.playbook).toMatchObject({ id: 'executive-business-review', kind: 'custom' })
    expect((await call('POST', '/admin/playbooks', sarah, ebr)).status).toBe(403)
    // Not startable until published.
    const early = await call('POST', '/accounts/cust-3008/workflows', marcus, {
      playbook: 'executive-business-review',
      dueDate: '2026-01-20',
    })
    expect(early.status).toBe(400)
    expect(
      (await call('POST', '/admin/playbooks/executive-business-review/publish', admin, { note: 'First' })).body.version,
    ).toBe(1)
    expect((await call('GET', '/playbooks', marcus)).body.playbooks).toEqual([
      expect.objectContaining({ id: 'executive-business-review', version: 1, steps: 2 }),
    ])

    const started = await call('POST', '/accounts/cust-3008/workflows', marcus, {
      playbook: 'executive-business-review',
      dueDate: '2026-01-02',
      note: 'Before the budget cycle',
    })
    expect(started.status).toBe(200)
    const id = started.body.workflow.id
    expect(started.body.workflow).toMatchObject({
      type: 'executive-business-review',
      playbookVersion: 1,
      status: 'pending',
    })
    const queue = (await call('GET', '/workflows/queue/csm-101', marcus)).body.workflows
    const item = queue.find((w: { id: string }) => w.id === id)
    // Due in 5 days on the contract's day: Emergency's band, as a renewal 5 days out would be.
    expect(item.workflow).toMatchObject({
      type: 'executive-business-review',
      dueDate: '2026-01-02',
      stage: 'Emergency',
    })
    expect(item.workflow.priorityFactors.urgencyScore).toBe(90)
    const wf = await context(id, marcus)
    expect(wf).toMatchObject({
      title: 'Run the executive business review',
      dueDate: '2026-01-02',
      note: 'Before the budget cycle',
    })

    expect((await call('POST', `/workflows/${id}/start`, marcus, { csmId: 'csm-101' })).status).toBe(200)
    for (const stepId of ['prepare-deck', 'hold-review'])
      expect(
        (
          await call('POST', `/workflows/${id}/steps/${stepId}/complete`, marcus, {
            completedBy: 'marcus@company.com',
            duration: 60,
            status: 'completed',
            outputs: { decision: 'cleared' },
          })
        ).status,
      ).toBe(200)
    const done = await call('POST', `/workflows/${id}/complete`, marcus, {
      completedBy: 'marcus@company.com',
      totalDuration: 120,
      status: 'success',
    })
    expect(done.status).toBe(200)
    // History shows it with the steps of its own version, after a new one is published too.
    const { published } = await playbook('executive-business-review')
    await call('PUT', '/admin/playbooks/executive-business-review/draft', admin, {
      ...published,
      steps: [...published.steps, { ...SECURITY_REVIEW, id: 'follow-up', name: 'Follow up' }],
    })
    expect((await call('POST', '/admin/playbooks/executive-business-review/publish', admin, {})).body.version).toBe(2)
    const history = (await call('GET', '/workflows/wf-30008/context', marcus)).body.history
    expect(history.find((h: { workflowId: string }) => h.workflowId === id)).toMatchObject({
      title: 'Run the executive business review',
      steps: [{ id: 'prepare-deck' }, { id: 'hold-review' }],
    })
    // The planner leaves it alone: the account still has its renewal workflow.
    await core.planner.run()
    expect((await context('wf-30008')).status).toBe('pending')
  })

  it('starts a playbook only on one’s own accounts; an admin starts one for any CSM, audited', async () => {
    core = await engineCore(engine)
    await call('POST', '/admin/playbooks', admin, {
      name: 'Risk escalation',
      title: 'Escalate the risk',
      steps: [{ ...SECURITY_REVIEW, id: 'escalate' }],
    })
    await call('POST', '/admin/playbooks/risk-escalation/publish', admin, {})
    const body = { playbook: 'risk-escalation', dueDate: '2026-01-10' }
    expect((await call('POST', '/accounts/cust-3008/workflows', sarah, body)).status).toBe(403)
    expect((await call('POST', '/accounts/cust-123/workflows', sarah, { ...body, assigneeId: 'csm-101' })).status).toBe(
      403,
    )
    expect(
      (await call('POST', '/accounts/cust-123/workflows', sarah, { ...body, playbook: 'finalize-renewal' })).status,
    ).toBe(400)
    expect(
      (await call('POST', '/accounts/cust-123/workflows', sarah, { ...body, dueDate: 'soon' })).body.error,
    ).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { fields: { dueDate: expect.any(String) } },
    })
    const forMarcus = await call('POST', '/accounts/cust-123/workflows', admin, { ...body, assigneeId: 'csm-101' })
    expect(forMarcus.body.workflow).toMatchObject({ assigneeId: 'csm-101' })
    const audit = await call('GET', '/admin/audit?limit=5', admin)
    expect(audit.body.entries[0]).toMatchObject({ action: 'playbook-started', subject: forMarcus.body.workflow.id })
  })

  it('points a stage at a team playbook: the stage’s pending renewals move to it, begun ones stay, and the planner starts it from then on', async () => {
    core = await engineCore(engine)
    await call('POST', '/admin/playbooks', admin, {
      name: 'Enterprise finalize',
      title: 'Finalize an enterprise renewal',
      steps: [{ ...SECURITY_REVIEW, id: 'legal-review', name: 'Legal review' }],
    })
    const point = (stage: string, playbookId: string, token = admin) =>
      call('PUT', `/admin/stages/${stage}`, token, { playbookId })
    expect((await point('Finalize', 'enterprise-finalize', sarah)).status).toBe(403)
    expect((await point('Finalize', 'enterprise-finalize')).body.error.details.fields.playbookId).toMatch(
      /not been published/,
    )
    await call('POST', '/admin/playbooks/enterprise-finalize/publish', admin, {})
    expect((await point('Finalize', 'critical-renewal')).status).toBe(400)
    expect((await point('Sometime', 'enterprise-finalize')).status).toBe(404)

    const pointed = await point('Finalize', 'enterprise-finalize')
    expect(pointed.body.moved).toBeGreaterThanOrEqual(9)
    expect(await context('wf-30008')).toMatchObject({
      type: 'enterprise-finalize',
      playbookVersion: 1,
      stage: 'Finalize',
      steps: [{ id: 'legal-review' }],
    })
    expect((await context('wf-20001', sarah)).type).toBe('finalize-renewal')
    expect((await call('GET', '/admin/stages', admin)).body.stages).toContainEqual({
      stage: 'Finalize',
      playbookId: 'enterprise-finalize',
      ownPlaybookId: 'finalize-renewal',
    })
    expect((await point('Negotiate', 'enterprise-finalize')).body.error.details.fields.playbookId).toMatch(/Finalize/)

    // The planner keeps it, and starts it for an account that enters the stage.
    await core.db.write(async (tx) => {
      const wonka = (await tx.customer('cust-3008'))!
      await tx.insertCustomer({ ...wonka, id: 'cust-new', name: 'Newco', external_id: null })
    })
    await core.planner.run()
    expect((await context('wf-30008')).type).toBe('enterprise-finalize')
    const queue = (await call('GET', '/workflows/queue/csm-101', marcus)).body.workflows
    expect(queue.find((w: { customerId: string }) => w.customerId === 'cust-new').workflow.type).toBe(
      'enterprise-finalize',
    )

    // And back: the stage's own playbook again.
    expect((await point('Finalize', 'finalize-renewal')).body.moved).toBeGreaterThanOrEqual(10)
    expect((await context('wf-30008')).type).toBe('finalize-renewal')
    const audit = await call('GET', '/admin/audit?limit=3', admin)
    expect(audit.body.entries[0]).toMatchObject({
      action: 'stage-pointed',
      subject: 'Finalize',
      details: { from: 'enterprise-finalize', to: 'finalize-renewal' },
    })
  })
})
