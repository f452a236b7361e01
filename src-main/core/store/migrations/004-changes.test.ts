import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 004 (changes)', () => {
  it('adds the change log to a database that has data, keeping the data', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS.slice(0, 3), () => new Date())
    db.prepare("INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm')").run()
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT id FROM csms').all()).toEqual([{ id: 'c1' }])
    const insert = db.prepare("INSERT INTO changes (user_id, type, at) VALUES ('c1', 'queue-changed', 't')")
    expect([insert.run().lastInsertRowid, insert.run().lastInsertRowid]).toEqual([1, 2])
  })
})
