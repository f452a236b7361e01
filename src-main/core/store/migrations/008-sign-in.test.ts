import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 008 (sign-in)', () => {
  it('keeps every password, marks none temporary, and counts attempts by email and address', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS.slice(0, 7), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO credentials VALUES ('c1', 'scrypt$hash', 5);
      INSERT INTO login_failures VALUES ('c@x.com', '2026-01-01T00:00:00.000Z');
    `)
    migrate(db, MIGRATIONS, () => new Date())
    expect(db.prepare('SELECT * FROM credentials').get()).toEqual({
      user_id: 'c1',
      password_hash: 'scrypt$hash',
      tokens_valid_after: 5,
      must_change: 0,
    })
    db.prepare("INSERT INTO login_attempts (email, address, at) VALUES ('c@x.com', '10.0.0.1', 't')").run()
    expect(db.prepare('SELECT email, address FROM login_attempts').all()).toEqual([
      { email: 'c@x.com', address: '10.0.0.1' },
    ])
    expect(() => db.prepare('UPDATE credentials SET must_change = 2').run()).toThrow(/CHECK/)
  })
})
