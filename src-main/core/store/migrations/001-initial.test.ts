import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'

describe('migration 001 (initial)', () => {
  it('creates the workflow tables with their checks', () => {
    const db = new Database(':memory:')
    migrate(db, [migration001], () => new Date())
    expect(() => db.prepare("INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'guru', 'csm')").run()).toThrow(/CHECK/)
    db.prepare("INSERT INTO csms VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm')").run()
    expect(() => db.prepare("INSERT INTO csms VALUES ('c2', 'D', 'c@x.com', 'mid', 'csm')").run()).toThrow(/UNIQUE/)
  })
})
