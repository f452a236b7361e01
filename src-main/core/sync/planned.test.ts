import { describe, expect, it } from 'vitest'
import { signToken } from '../api/auth'
import type { Core } from '../index'
import type { SqliteDb } from '../store/sqlite-db'
import { TEST_SECRET, demoUser, testCore, tokenFor } from '../testing'
import { SyncEngine } from './engine'
import type { Remote } from './remote'
import { InProcessRemote } from './testing'

/** Imports a file on the team server as its admin. */
async function importOn(server: Core, file: string): Promise<void> {
  const response = await server.api.fetch(
    new Request('http://server/api/admin/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('admin-1')}` },
      body: file,
    }),
  )
  expect(response.status).toBe(200)
}

async function deskOf(server: Core, userId: string) {
  const user = demoUser(userId)
  const desk = await testCore()
  const engine = new SyncEngine(desk.db as SqliteDb, desk.workflows, { ...user, name: user.email }, () => 0.5)
  engine.connect(new InProcessRemote(server, signToken(user, TEST_SECRET)) as unknown as Remote)
  const active = async () => {
    expect(await engine.sync()).toMatchObject({ lastError: null })
    return desk.store.activeWorkflowIds(user.id).map((id) => desk.store.workflow(id)!)
  }
  return { user, desk, active }
}

const HEADER = 'external_id,name,arr,renewal_date,owner'
const planned = <W extends { customer_id: string }>(wfs: W[]) => wfs.filter((w) => w.customer_id.startsWith('acct-'))

describe('desks take what the team server plans', () => {
  it('show new workflows to their owner, move them with the account, and drop superseded ones', async () => {
    const server = await testCore()
    const sarah = await deskOf(server, 'csm-456')
    const marcus = await deskOf(server, 'csm-101')
    await importOn(server, `${HEADER}\nS-1,Synced One,100000,2026-01-20,sarah@company.com`)
    const [mine] = planned(await sarah.active())
    expect(mine).toMatchObject({ type: 'signature-renewal', status: 'pending' })

    // Sarah starts it and records a step offline-first; the account then moves to Marcus.
    await sarah.desk.workflows.start(sarah.user, mine!.id, { csmId: sarah.user.id })
    await sarah.desk.workflows.completeStep(sarah.user, mine!.id, 'verify-contract-terms', {
      duration: 60,
      outputs: { decision: 'verified', notes: 'Terms match' },
    })
    await sarah.active()
    await importOn(server, `${HEADER}\nS-1,Synced One,100000,2026-01-20,marcus@company.com`)
    expect(planned(await sarah.active())).toEqual([])
    const [moved] = planned(await marcus.active())
    expect(moved).toMatchObject({ id: mine!.id, status: 'in_progress', assigned_to: 'csm-101' })
    expect(marcus.desk.store.stepResults(mine!.id)).toHaveLength(1)

    // It renews a year later: the open one closes as superseded, a new one is planned.
    await importOn(server, `${HEADER}\nS-1,Synced One,100000,2027-01-20,marcus@company.com`)
    const [next] = planned(await marcus.active())
    expect(next).toMatchObject({ type: 'monitor-renewal', status: 'pending' })
    expect(marcus.desk.store.workflow(mine!.id)).toMatchObject({ status: 'superseded' })
  })
})
