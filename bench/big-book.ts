import { isoDay, type Clock } from '../src-main/core/clock'
import { workflowRows } from '../src-main/core/demo/generated-book'
import { pick, seededRandom } from '../src-main/core/demo/random'
import type { Store, WorkflowStatus } from '../src-main/core/store/store'

export const QUEUE_50 = 'csm-q50'
export const QUEUE_500 = 'csm-q500'
export const WRITERS = 440
export const PER_WRITER = 30

function addWorkflow(
  store: Store,
  random: () => number,
  today: string,
  id: string,
  csmId: string,
  status: WorkflowStatus,
): void {
  const { customer, workflow } = workflowRows(random, today, id, csmId, status)
  store.insertCustomer(customer)
  store.insertWorkflow(workflow)
}

/**
 * A book of `total` workflows: one CSM with 50 active, one with 500, WRITERS x PER_WRITER
 * in-progress workflows for the write benchmarks, and the rest spread over other CSMs.
 */
export function seedBigBook(store: Store, clock: Clock, total = 100_000): { writerWorkflows: string[] } {
  const random = seededRandom(99)
  const today = isoDay(clock.now())
  const writerWorkflows: string[] = []
  let n = 0
  const add = (csmId: string, status: WorkflowStatus) => {
    addWorkflow(store, random, today, `b${n}`, csmId, status)
    return `wf-b${n++}`
  }
  const csm = (id: string) =>
    store.insertCsm({
      id,
      name: id,
      email: `${id}@company.com`,
      experience: pick(random, ['expert', 'senior', 'mid', 'junior'] as const),
      role: 'csm',
    })
  store.transaction(() => {
    csm(QUEUE_50)
    for (let i = 0; i < 50; i++) add(QUEUE_50, i % 3 ? 'pending' : 'in_progress')
    for (let i = 0; i < 20; i++) add(QUEUE_50, 'completed')
    csm(QUEUE_500)
    for (let i = 0; i < 500; i++) add(QUEUE_500, i % 4 ? 'pending' : 'in_progress')
    for (let i = 0; i < 200; i++) add(QUEUE_500, 'completed')
    for (let w = 0; w < WRITERS; w++) {
      csm(`csm-w${w}`)
      for (let i = 0; i < PER_WRITER; i++) writerWorkflows.push(add(`csm-w${w}`, 'in_progress'))
    }
    let filler = 0
    while (n < total) {
      const id = `csm-f${filler++}`
      csm(id)
      for (let i = 0; i < 400 && n < total; i++)
        add(id, pick(random, ['pending', 'in_progress', 'completed', 'completed'] as const))
    }
  })
  return { writerWorkflows }
}

/** One CSM with `count` active workflows, for the UI benchmark. */
export function seedOneQueue(store: Store, clock: Clock, csmId: string, count: number): void {
  const random = seededRandom(7)
  const today = isoDay(clock.now())
  store.transaction(() => {
    store.insertCsm({ id: csmId, name: 'Bench CSM', email: `${csmId}@company.com`, experience: 'senior', role: 'csm' })
    for (let n = 0; n < count; n++) addWorkflow(store, random, today, `u${n}`, csmId, n % 4 ? 'pending' : 'in_progress')
  })
}
