import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 011 (renewal forecasts)', () => {
  it('keeps every outbox entry and its order, takes forecasts, and closes a renewal once', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 10), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id) VALUES ('cust-1', 'A', 'a.com', 1, '2026-03-31', 'c1');
      INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES ('e1', 'wf-1', 'start', '/p', '{}', 't');
      INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at, status) VALUES ('e2', 'task:1', 'create-task', '/t', '{}', 't', 'rejected');
    `)
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT seq, id, status FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'e1', status: 'pending' },
      { seq: 2, id: 'e2', status: 'rejected' },
    ])
    db.prepare(
      "INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES ('e3', 'forecast:cust-1', 'set-forecast', '/f', '{}', 't')",
    ).run()
    expect(db.prepare("SELECT seq FROM outbox WHERE id = 'e3'").get()).toEqual({ seq: 3 })

    const forecast = db.prepare("INSERT INTO forecasts VALUES ('cust-1', '2026-03-31', ?, ?, NULL, 1, 'c1', 't')")
    expect(() => forecast.run('maybe', null)).toThrow(/CHECK/)
    expect(() => forecast.run('commit', -1)).toThrow(/CHECK/)
    forecast.run('commit', null)
    const close = db.prepare(
      "INSERT INTO renewal_outcomes VALUES ('cust-1', '2026-03-31', 'renewed', 1, 2, 't', 'app', 'c1', 'commit')",
    )
    close.run()
    expect(() => close.run()).toThrow(/UNIQUE|PRIMARY/)
  })
})
