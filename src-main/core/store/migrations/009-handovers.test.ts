import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migrations 009 (handovers) and 010 (task kind)', () => {
  it('keep every task, with no kind, and hold handovers by workflow and former holders once each', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 8), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id) VALUES ('cust-1', 'A', 'a.com', 1, '2026-03-31', 'c1');
      INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at)
        VALUES ('wf-1', 'cust-1', 'prepare-renewal', 'c1', 'pending', 't');
      INSERT INTO tasks (id, csm_id, customer_id, description, status, created_at) VALUES ('t1', 'c1', 'cust-1', 'Call', 'open', 't');
    `)
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT id, kind FROM tasks').all()).toEqual([{ id: 't1', kind: null }])
    db.prepare("INSERT INTO former_assignees VALUES ('wf-1', 'c1', 't')").run()
    expect(() => db.prepare("INSERT INTO former_assignees VALUES ('wf-1', 'c1', 'u')").run()).toThrow(/UNIQUE|PRIMARY/)
    db.prepare("INSERT INTO handovers VALUES ('h1', 'wf-1', 'c1', 'reassigned', 't', '[]')").run()
    expect(() => db.prepare("INSERT INTO handovers VALUES ('h2', 'wf-1', 'c1', 'lost', 't', '[]')").run()).toThrow(
      /CHECK/,
    )
    expect(() =>
      db.prepare("INSERT INTO handovers VALUES ('h3', 'wf-x', 'c1', 'reassigned', 't', '[]')").run(),
    ).toThrow(/FOREIGN KEY/)
  })
})
