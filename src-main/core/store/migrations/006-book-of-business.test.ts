import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 006 (book of business)', () => {
  it('keys accounts by external id and keeps every workflow and step, now planned for its renewal date', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 5), () => new Date())
    db.exec(`
      INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id) VALUES ('cust-1', 'A', 'a.com', 1, '2026-03-31', 'c1');
      INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at)
        VALUES ('wf-1', 'cust-1', 'prepare-renewal', 'c1', 'in_progress', 't');
      INSERT INTO step_results VALUES ('wf-1', 0, 's1', 'completed', 't', 1, '{}', 'c@x.com', NULL);
    `)
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT external_id, status FROM customers').get()).toEqual({
      external_id: 'cust-1',
      status: 'active',
    })
    expect(db.prepare('SELECT status, renewal_date, closed_at FROM workflows').get()).toEqual({
      status: 'in_progress',
      renewal_date: '2026-03-31',
      closed_at: null,
    })
    expect(db.prepare('SELECT count(*) FROM step_results').pluck().get()).toBe(1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.prepare("UPDATE workflows SET status = 'superseded' WHERE id = 'wf-1'").run()
    expect(() => db.prepare("UPDATE workflows SET status = 'lost' WHERE id = 'wf-1'").run()).toThrow(/CHECK/)
    expect(() =>
      db
        .prepare(
          "INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id, external_id) VALUES ('cust-2', 'B', 'b.com', 1, '2026-03-31', 'c1', 'cust-1')",
        )
        .run(),
    ).toThrow(/UNIQUE/)
    expect(() => db.prepare("DELETE FROM workflows WHERE id = 'wf-1'").run()).toThrow(/FOREIGN KEY/)
  })
})
