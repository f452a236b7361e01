import { describe, expect, it } from 'vitest'
import { SqliteDb } from '../store/sqlite-db'
import { Store } from '../store/store'
import { tempDbPath } from '../testing'
import { EventHub, type ChangeEvent, type EventClient } from './hub'
import type { Tx } from '../store/db'
import { openDb } from '../store/open'
import { freshDatabase } from '../testing-engines'

function setup() {
  const db = new SqliteDb(new Store(tempDbPath()))
  const hub = new EventHub(db)
  const change = (user: string, workflow: string) =>
    db.write((tx) =>
      tx.recordChange({ user_id: user, type: 'workflow-changed', workflow_id: workflow, customer_id: null, at: 't' }),
    )
  const settled = () => hub.subscribe({ userId: 'nobody', send: () => true, close: () => {} }, null)
  return { db, hub, change, settled }
}

function client(userId: string, accept = () => true) {
  const got: ChangeEvent[] = []
  let closed = false
  const c: EventClient = {
    userId,
    send: (event) => {
      if (!accept()) return false
      got.push(event)
      return true
    },
    close: () => (closed = true),
  }
  return { c, got, closed: () => closed }
}

describe('EventHub', () => {
  it('sends each user their own changes, in order, and drops a client that cannot keep up without holding up the rest', async () => {
    const { hub, change, settled } = setup()
    const fast = client('csm-1')
    let room = 2
    const slow = client('csm-1', () => room-- > 0)
    const other = client('csm-2')
    for (const { c } of [fast, slow, other]) await hub.subscribe(c, null)
    for (let n = 1; n <= 5; n++) await change('csm-1', `wf-${n}`)
    await settled()
    expect(fast.got.map((e) => e.workflowId)).toEqual(['wf-1', 'wf-2', 'wf-3', 'wf-4', 'wf-5'])
    expect(slow.got).toHaveLength(2)
    expect(slow.closed()).toBe(true)
    expect(other.got).toEqual([])
    expect(hub.size).toBe(3 - 1 + 1) // fast, other, and the probe of settled()
  })

  it('replays missed changes to a client that comes back, and says resync when they were pruned', async () => {
    const { db, hub, change, settled } = setup()
    for (let n = 1; n <= 3; n++) await change('csm-1', `wf-${n}`)
    await settled()
    const back = client('csm-1')
    await hub.subscribe(back.c, 1)
    expect(back.got.map((e) => e.workflowId)).toEqual(['wf-2', 'wf-3'])
    await db.write((tx) => tx.pruneChanges('u')) // 't' < 'u': everything goes
    await change('csm-1', 'wf-4')
    await settled()
    const late = client('csm-1')
    await hub.subscribe(late.c, 1) // wf-2 is gone (pruning keeps only the newest old row, wf-3)
    expect(late.got.map((e) => e.type)).toEqual(['resync'])
  })
})

describe('EventHub on PostgreSQL with writers committing out of order', () => {
  it('delivers a change whose number came before one that committed first', async () => {
    const db = await openDb(await freshDatabase('postgres'))
    const hub = new EventHub(db)
    try {
      const sarah = client('csm-456')
      await hub.subscribe(sarah.c, null)
      const change = (tx: Tx, workflow: string) =>
        tx.recordChange({
          user_id: 'csm-456',
          type: 'workflow-changed',
          workflow_id: workflow,
          customer_id: null,
          at: 't',
        })
      let release = () => {}
      const held = new Promise<void>((done) => (release = done))
      let numbered = () => {}
      const hasNumber = new Promise<void>((done) => (numbered = done))
      // A long transaction takes its change number first, and commits last (an import's early events).
      const slow = db.write(async (tx) => {
        await change(tx, 'wf-early')
        numbered()
        await held
      })
      await hasNumber
      await db.write((tx) => change(tx, 'wf-late'))
      const until = async (n: number) => {
        const deadline = Date.now() + 10_000
        while (sarah.got.length < n && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20))
      }
      await until(1)
      expect(sarah.got.map((e) => e.workflowId)).toEqual(['wf-late'])
      expect(hub.watchedGaps).toBe(1)
      release()
      await slow
      await until(2)
      expect(sarah.got.map((e) => e.workflowId)).toEqual(['wf-late', 'wf-early'])
      expect(hub.watchedGaps).toBe(0)
    } finally {
      hub.close()
      await db.close()
    }
  })
})
