import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 014 (playbooks)', () => {
  it('keeps published versions as they were written, puts every workflow on version 1, and keeps the outbox', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 13), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id) VALUES ('cust-1', 'A', 'a.com', 1, '2026-03-31', 'c1');
      INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at)
        VALUES ('wf-1', 'cust-1', 'finalize-renewal', 'c1', 'pending', 't');
      INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at)
        VALUES ('o1', 'wf-1', 'start', '/workflows/wf-1/start', '{}', 't');
    `)
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare("SELECT playbook_version, due_date, note FROM workflows WHERE id = 'wf-1'").get()).toEqual({
      playbook_version: 1,
      due_date: null,
      note: null,
    })
    expect(db.prepare('SELECT id, kind FROM outbox').all()).toEqual([{ id: 'o1', kind: 'start' }])
    db.prepare(
      "INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES ('o2', 'wf-2', 'start-playbook', '/accounts/cust-1/workflows', '{}', 't')",
    ).run()
    db.exec(`
      INSERT INTO playbooks (id, kind, published_version, updated_at) VALUES ('onboarding', 'custom', 1, 't');
      INSERT INTO playbook_versions (playbook_id, version, body_json, published_at, published_by)
        VALUES ('onboarding', 1, '{"steps":[]}', 't', 'alex');
    `)
    expect(() => db.prepare("UPDATE playbook_versions SET body_json = '{}'").run()).toThrow(/never changes/)
    expect(() => db.prepare('DELETE FROM playbook_versions').run()).toThrow(/never changes/)
    expect(() => db.prepare("INSERT INTO playbook_versions VALUES ('nobody', 1, '{}', 't', 'alex', '')").run()).toThrow(
      /FOREIGN KEY/,
    )
    expect(() => db.prepare("INSERT INTO playbooks (id, kind, updated_at) VALUES ('x', 'other', 't')").run()).toThrow(
      /CHECK/,
    )
  })
})
