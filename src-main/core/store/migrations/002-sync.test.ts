import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'
import { migration002 } from './002-sync'

describe('migration 002 (sync)', () => {
  it('adds the outbox, idempotency and sync state tables to a database that has data, keeping the data', () => {
    const db = new Database(':memory:')
    migrate(db, [migration001], () => new Date())
    db.prepare("INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm')").run()
    migrate(db, [migration001, migration002], () => new Date())
    expect(db.prepare('SELECT id FROM csms').all()).toEqual([{ id: 'c1' }])
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['idempotency_keys', 'outbox', 'sync_state']))
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES ('a', 'w', 'delete', '/', '{}', 't')",
        )
        .run(),
    ).toThrow(/CHECK/)
  })
})
