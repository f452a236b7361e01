import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DatabaseTooNewError } from './migrate'
import { Store } from './store'

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'csmdesk-store-')), 'desk.sqlite')
}

describe('Store', () => {
  it('opens with WAL and foreign keys on', () => {
    const store = new Store(tempDb())
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    store.close()
  })

  it('rejects a workflow whose customer does not exist', () => {
    const store = new Store(tempDb())
    expect(() =>
      store.insertWorkflow({
        id: 'wf-x',
        customer_id: 'missing',
        type: 'monitor-renewal',
        assigned_to: 'missing',
        status: 'pending',
        assigned_at: '2025-01-01T00:00:00.000Z',
        started_at: null,
        completed_at: null,
        completed_by: null,
        total_duration: null,
        outcome_json: null,
        snoozed_until: null,
        snooze_reason: null,
        renewal_date: null,
        closed_at: null,
      }),
    ).toThrow(/FOREIGN KEY/)
    store.close()
  })

  it('rolls back every write of a transaction that throws', () => {
    const store = new Store(tempDb())
    expect(() =>
      store.transaction(() => {
        store.insertCsm({ id: 'c1', name: 'C', email: 'c@x.com', experience: 'mid', role: 'csm' })
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(store.csm('c1')).toBeUndefined()
    store.close()
  })

  it('refuses to open a database from a newer version, with a message a person can act on', () => {
    const path = tempDb()
    new Store(path).close()
    const raw = new Database(path)
    raw.prepare('INSERT INTO schema_migrations VALUES (99, ?, ?)').run('future', '2030-01-01T00:00:00Z')
    raw.close()
    expect(() => new Store(path)).toThrow(DatabaseTooNewError)
    expect(() => new Store(path)).toThrow(/newer version of CSM Desk/)
  })
})
