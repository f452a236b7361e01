import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../demo/demo'
import { contractClock } from '../../testing'
import { freshDatabase } from '../../testing-engines'
import { openDb } from '../open'

describe('a change waiting on a row a long job holds (PostgreSQL)', () => {
  it('gives way as 503 SERVER_BUSY after its lock wait; a long job of its own waits as long as it takes', async () => {
    const db = await openDb(await freshDatabase('postgres'), { lockWaitMs: 200 })
    try {
      await seedDemo(db, contractClock)
      let release = () => {}
      const held = new Promise<void>((done) => (release = done))
      let locked = () => {}
      const holding = new Promise<void>((done) => (locked = done))
      // An import holds Acme's workflow for the whole file.
      const importing = db.write(
        async (tx) => {
          await tx.workflow('wf-12345', true)
          locked()
          await held
        },
        { longRunning: true },
      )
      await holding
      await expect(db.write((tx) => tx.workflow('wf-12345', true))).rejects.toMatchObject({
        code: 'SERVER_BUSY',
        status: 503,
        details: { retryAfter: 5 },
      })
      // Another workflow is not held: its change goes through at once.
      expect((await db.write((tx) => tx.workflow('wf-67890', true)))!.id).toBe('wf-67890')
      const patient = db.write((tx) => tx.workflow('wf-12345', true), { longRunning: true })
      setTimeout(release, 400)
      expect((await patient)!.id).toBe('wf-12345')
      await importing
    } finally {
      await db.close()
    }
  })

  it('ends a statement that runs past its timeout with 503 SERVER_BUSY, and the connection serves the next request', async () => {
    const db = await openDb(await freshDatabase('postgres'), { statementTimeoutMs: 100 })
    try {
      const sleep = (seconds: number) => (tx: unknown) =>
        (tx as { rows(sql: string): Promise<unknown[]> }).rows(`SELECT pg_sleep(${seconds})`)
      await expect(db.read(sleep(1))).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503 })
      await expect(db.write(sleep(1))).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503 })
      expect(await db.read(sleep(0.01))).toHaveLength(1)
      // A long job (an import) has no statement timeout.
      expect(await db.write(sleep(0.3), { longRunning: true })).toHaveLength(1)
    } finally {
      await db.close()
    }
  })
})
