import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 005 (follow-through)', () => {
  it('adds tasks and snoozes, and keeps every outbox entry, in order, now accepting their changes', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS.slice(0, 4), () => new Date())
    const add = db.prepare(
      "INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES (?, 'w', 'start', '/p', '{}', 't')",
    )
    add.run('e1')
    add.run('e2')
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT seq, id FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'e1' },
      { seq: 2, id: 'e2' },
    ])
    db.prepare(
      "INSERT INTO outbox (id, workflow_id, kind, path, body_json, created_at) VALUES ('e3', 'task:t', 'create-task', '/tasks', '{}', 't')",
    ).run()
    expect(db.prepare("SELECT seq FROM outbox WHERE id = 'e3'").pluck().get()).toBe(3)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tasks'").pluck().get()).toBe('tasks')
  })
})
