import { afterEach, describe, expect, it } from 'vitest'
import { isoDay } from '../clock'
import type { Core } from '../index'
import { seededRandom } from '../demo/random'
import { ENGINES, engineCore } from '../testing-engines'
import { demoUser } from '../testing'
import { workflowRows } from '../demo/generated-book'

/**
 * A generated book on top of the demo's: accounts with an open workflow and a completed earlier
 * one (its steps recorded), open tasks, forecasts (current and past renewals) and a handover.
 */
async function generateBook(core: Core): Promise<void> {
  const random = seededRandom(5)
  const today = isoDay(core.clock.now())
  await core.db.write(async (tx) => {
    for (let n = 0; n < 120; n++) {
      const csmId = ['csm-456', 'csm-101', 'csm-202'][n % 3]!
      const open = workflowRows(random, today, `g${n}`, csmId, n % 4 ? 'pending' : 'in_progress')
      await tx.insertCustomer(open.customer)
      await tx.insertWorkflow(open.workflow)
      if (n % 2 === 0) {
        const earlier = workflowRows(random, today, `g${n}-old`, csmId, 'completed')
        await tx.insertWorkflow({ ...earlier.workflow, customer_id: open.customer.id, id: `wf-g${n}-old` })
        for (const [position, stepId] of ['first', 'second'].entries()) {
          await tx.insertStepResult({
            workflow_id: `wf-g${n}-old`,
            position,
            step_id: stepId,
            status: position ? 'skipped' : 'completed',
            completed_at: `${today}T0${position}:00:00.000Z`,
            duration: 60 * (n + 1),
            outputs_json: JSON.stringify({ decision: 'healthy', notes: `Old ${n}` }),
            completed_by: `${csmId}@company.com`,
            reason: position ? 'Not needed' : null,
          })
        }
      }
      if (n % 3 === 0) {
        for (const due of [null, today, '2026-01-05']) {
          await tx.insertTask({
            id: `t-g${n}-${due}`,
            csm_id: csmId,
            customer_id: open.customer.id,
            workflow_id: null,
            description: `Call ${n} by ${due}`,
            due_date: due,
            priority: null,
            status: 'open',
            created_at: `${today}T10:00:00.000Z`,
            completed_at: null,
            kind: 'call',
          })
        }
      }
      if (n % 5 === 0) {
        for (const date of [open.customer.renewal_date, '2024-01-01']) {
          await tx.saveForecast({
            customer_id: open.customer.id,
            renewal_date: date,
            category: date === '2024-01-01' ? 'lost' : 'likely',
            forecast_arr: n * 1000,
            note: `Note ${n}`,
            chosen: 1,
            updated_by: csmId,
            updated_at: `${today}T09:00:00.000Z`,
          })
        }
      }
    }
    await tx.insertHandover({
      id: 'h-g1',
      workflow_id: 'wf-g1',
      from_csm_id: 'csm-456',
      why: 'reassigned',
      at: `${today}T08:00:00.000Z`,
      changes_json: JSON.stringify([{ kind: 'step', stepId: 'x', decision: 'healthy' }]),
    })
  })
}

describe.each(ENGINES)('contexts in a batch (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())

  it('answer exactly what reading each workflow alone answers, for a CSM and for an admin', async () => {
    core = await engineCore(engine)
    await generateBook(core)
    const ids = await core.db.read((tx) => tx.workflowIds())
    expect(ids.length).toBeGreaterThan(150)
    for (const user of [demoUser('csm-456'), demoUser('admin-1')]) {
      const batch = await core.workflows.contexts(user, { ids: [...ids, 'wf-nope'] })
      const alone: unknown[] = []
      const unavailable: string[] = []
      for (const id of [...ids, 'wf-nope']) {
        try {
          alone.push(await core.workflows.context(user, id))
        } catch {
          unavailable.push(id)
        }
      }
      expect(batch.contexts).toEqual(alone)
      expect(batch.unavailable.map((u) => u.id)).toEqual(unavailable)
      expect(batch.contexts.length).toBe(user.role === 'admin' ? ids.length : ids.length - unavailable.length + 1)
    }
    // A pull of one (a desk after an event) reads it its own way, to the same answer.
    const admin = demoUser('admin-1')
    for (const id of ['wf-g0', 'wf-g1', ids[ids.length - 1]!]) {
      const one = await core.workflows.contexts(admin, { ids: [id] })
      expect(one.contexts).toEqual([await core.workflows.context(admin, id)])
    }
    expect((await core.workflows.contexts(demoUser('csm-101'), { ids: ['wf-g0'] })).unavailable).toEqual([
      { id: 'wf-g0', code: 'WORKFLOW_NOT_FOUND' },
    ])
    // The generated history, tasks, forecasts and handover are in there.
    const g0 = await core.workflows.context(demoUser('csm-456'), 'wf-g0')
    expect(g0.history[0]!.steps.length).toBeGreaterThan(0)
    expect(g0.tasks.map((t) => t.dueDate)).toEqual([expect.any(String), expect.any(String), null])
    expect(g0.forecast).toMatchObject({ category: 'likely', note: 'Note 0' })
    expect((await core.workflows.context(demoUser('admin-1'), 'wf-g1')).handovers).toHaveLength(1)
  })
})
