import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 012 (single sign-on)', () => {
  it('links a provider subject to one user, and a user to one subject per provider', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 11), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c2', 'D', 'd@x.com', 'mid', 'csm');
    `)
    migrate(db, MIGRATIONS, () => new Date())
    const link = db.prepare("INSERT INTO sso_identities VALUES ('https://idp', ?, ?, 't')")
    link.run('sub-1', 'c1')
    expect(() => link.run('sub-1', 'c2')).toThrow(/UNIQUE|PRIMARY/) // one subject, one user
    expect(() => link.run('sub-2', 'c1')).toThrow(/UNIQUE/) // one user, one subject at a provider
    expect(() => link.run('sub-3', 'nobody')).toThrow(/FOREIGN KEY/)
    db.prepare("INSERT INTO sso_codes VALUES ('h', 'c1', 'challenge', 'id-token', 1)").run()
    expect(db.prepare("DELETE FROM sso_codes WHERE code_hash = 'h' RETURNING user_id").get()).toEqual({ user_id: 'c1' })
  })
})
