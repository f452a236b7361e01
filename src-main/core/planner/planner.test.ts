import { describe, expect, it } from 'vitest'
import { addDays } from '../clock'
import { seedDemo } from '../demo/demo'
import { openDb } from '../store/open'
import type { Db } from '../store/db'
import type { CustomerRow, WorkflowRow } from '../store/rows'
import { ENGINES, freshDatabase } from '../testing-engines'
import { contractClock } from '../testing'
import { planRenewals } from './planner'

const DAY = '2026-01-10'
const at = (day: string) => new Date(`${day}T09:00:00.000Z`)

function account(id: string, renewal: string, extra: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id,
    name: `Account ${id}`,
    domain: `${id}.com`,
    arr: 100_000,
    renewal_date: renewal,
    contract_start: null,
    account_plan: 'manage',
    owner_id: 'csm-a',
    risk_score: null,
    health_score: null,
    sentiment: null,
    ai_summary: null,
    insights_json: '[]',
    recommendations_json: '[]',
    data_json: '{}',
    external_id: id,
    status: 'active',
    ...extra,
  }
}

async function book(db: Db, customers: CustomerRow[]): Promise<void> {
  await db.write(async (tx) => {
    await tx.insertCsm({ id: 'csm-a', name: 'Ann', email: 'ann@x.com', experience: 'mid', role: 'csm' })
    await tx.insertCsm({ id: 'csm-b', name: 'Ben', email: 'ben@x.com', experience: 'mid', role: 'csm' })
    await tx.saveCustomers(customers)
  })
}

const plan = (db: Db, day: string) => db.write((tx) => planRenewals(tx, at(day)))
const workflowsOf = (db: Db, customerId: string) =>
  db.read(async (tx) => {
    const ids = await tx.workflowIds()
    const rows = await Promise.all(ids.map((id) => tx.workflow(id)))
    return (rows as WorkflowRow[]).filter((w) => w.customer_id === customerId)
  })

describe.each(ENGINES)('the renewal planner (%s)', (engine) => {
  const open = async () => openDb(await freshDatabase(engine))

  it('creates each account its stage workflow, pending, for its owner; a second run changes nothing', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 3)), account('a2', addDays(DAY, 200)), account('a3', addDays(DAY, -5))])
    expect(await plan(db, DAY)).toEqual({ created: 3, updated: 0, closed: 0 })
    const [w] = await workflowsOf(db, 'a1')
    expect(w).toMatchObject({
      type: 'emergency-renewal',
      status: 'pending',
      assigned_to: 'csm-a',
      renewal_date: addDays(DAY, 3),
    })
    expect((await workflowsOf(db, 'a2'))[0]!.type).toBe('monitor-renewal')
    expect((await workflowsOf(db, 'a3'))[0]!.type).toBe('overdue-renewal')
    expect(await plan(db, DAY)).toEqual({ created: 0, updated: 0, closed: 0 })
    const changes = await db.read((tx) => tx.changesSince(0, 'csm-a', 100))
    expect(changes.map((c) => c.type)).toEqual(['queue-changed'])
    await db.close()
  })

  it('moves a pending workflow to its new stage as days pass, and leaves one in progress as it is', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 35)), account('a2', addDays(DAY, 35))])
    await plan(db, DAY)
    const [started] = await workflowsOf(db, 'a2')
    await db.write((tx) => tx.markStarted(started!.id, `${DAY}T10:00:00.000Z`))
    expect(await plan(db, addDays(DAY, 10))).toEqual({ created: 0, updated: 1, closed: 0 })
    expect((await workflowsOf(db, 'a1'))[0]).toMatchObject({ type: 'signature-renewal', status: 'pending' })
    expect((await workflowsOf(db, 'a2'))[0]).toMatchObject({ type: 'finalize-renewal', status: 'in_progress' })
    await db.close()
  })

  it('does not bring back a completed workflow; a later stage gets a new one', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 35))])
    await plan(db, DAY)
    const [w] = await workflowsOf(db, 'a1')
    await db.write(async (tx) => {
      await tx.markStarted(w!.id, `${DAY}T10:00:00.000Z`)
      await tx.markCompleted({
        id: w!.id,
        completed_at: `${DAY}T11:00:00.000Z`,
        completed_by: 'ann@x.com',
        total_duration: 60,
        outcome_json: '{}',
      })
    })
    expect(await plan(db, addDays(DAY, 1))).toEqual({ created: 0, updated: 0, closed: 0 })
    expect(await plan(db, addDays(DAY, 6))).toEqual({ created: 1, updated: 0, closed: 0 })
    const all = await workflowsOf(db, 'a1')
    expect(all.map((x) => [x.type, x.status]).sort()).toEqual([
      ['finalize-renewal', 'completed'],
      ['signature-renewal', 'pending'],
    ])
    await db.close()
  })

  it('closes open workflows as superseded when the account renews, keeping their steps, and plans the new date', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 20))])
    await plan(db, DAY)
    const [w] = await workflowsOf(db, 'a1')
    await db.write(async (tx) => {
      await tx.markStarted(w!.id, `${DAY}T10:00:00.000Z`)
      await tx.insertStepResult({
        workflow_id: w!.id,
        position: 0,
        step_id: 's',
        status: 'completed',
        completed_at: `${DAY}T10:05:00.000Z`,
        duration: 5,
        outputs_json: '{}',
        completed_by: 'ann@x.com',
        reason: null,
      })
      await tx.saveCustomers([account('a1', addDays(DAY, 385))])
    })
    expect(await plan(db, DAY)).toEqual({ created: 1, updated: 0, closed: 1 })
    const all = await workflowsOf(db, 'a1')
    expect(all.find((x) => x.id === w!.id)).toMatchObject({ status: 'superseded', closed_at: at(DAY).toISOString() })
    expect(await db.read((tx) => tx.stepResults(w!.id))).toHaveLength(1)
    expect(all.find((x) => x.id !== w!.id)).toMatchObject({
      type: 'monitor-renewal',
      status: 'pending',
      renewal_date: addDays(DAY, 385),
    })
    await db.close()
  })

  it('cancels a churned account’s open workflows and plans nothing for it', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 20))])
    await plan(db, DAY)
    await db.write((tx) => tx.saveCustomers([account('a1', addDays(DAY, 20), { status: 'churned' })]))
    expect(await plan(db, DAY)).toEqual({ created: 0, updated: 0, closed: 1 })
    expect((await workflowsOf(db, 'a1'))[0]!.status).toBe('cancelled')
    expect(await plan(db, addDays(DAY, 30))).toEqual({ created: 0, updated: 0, closed: 0 })
    await db.close()
  })

  it('gives a deactivated owner no new work: the account waits for a new owner', async () => {
    const db = await open()
    await book(db, [account('a1', addDays(DAY, 20))])
    await db.write(async (tx) => tx.updateUser({ ...(await tx.csm('csm-a'))!, active: 0 }))
    expect(await plan(db, DAY)).toEqual({ created: 0, updated: 0, closed: 0 })
    await db.write((tx) => tx.transferAccounts('csm-a', 'csm-b'))
    expect(await plan(db, DAY)).toEqual({ created: 1, updated: 0, closed: 0 })
    expect((await workflowsOf(db, 'a1'))[0]!.assigned_to).toBe('csm-b')
    await db.close()
  })

  it('has nothing to do on the demo book at the contract’s date', async () => {
    const db = await open()
    await seedDemo(db, contractClock)
    expect(await plan(db, contractClock.now().toISOString().slice(0, 10))).toEqual({
      created: 0,
      updated: 0,
      closed: 0,
    })
    await db.close()
  })
})

describe('the renewal planner on two servers at once', () => {
  it('plans each account once when two instances run together', async () => {
    const url = await freshDatabase('postgres')
    const [a, b] = [await openDb(url), await openDb(url)]
    await book(a, [account('a1', addDays(DAY, 3)), account('a2', addDays(DAY, 50))])
    const reports = await Promise.all([plan(a, DAY), plan(b, DAY)])
    expect(reports.map((r) => r.created).sort()).toEqual([0, 2])
    expect(await workflowsOf(a, 'a1')).toHaveLength(1)
    await a.close()
    await b.close()
  })
})
