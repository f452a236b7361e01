import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

describe('migration 013 (health scores)', () => {
  it('keeps scores apart from accounts, one per account, gone with it; scorecard versions are unique', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, MIGRATIONS.slice(0, 12), () => new Date())
    db.exec(`
      INSERT INTO csms (id, name, email, experience, role) VALUES ('c1', 'C', 'c@x.com', 'mid', 'csm');
      INSERT INTO customers (id, name, domain, arr, renewal_date, owner_id, health_score)
        VALUES ('cust-1', 'A', 'a.com', 1, '2026-03-31', 'c1', 65);
    `)
    migrate(db, MIGRATIONS, () => new Date())
    const score = db.prepare("INSERT INTO health_scores VALUES ('cust-1', ?, 2, '2026-01-01')")
    score.run(40)
    expect(() => score.run(41)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => db.prepare("INSERT INTO health_scores VALUES ('nobody', 1, 2, 'd')").run()).toThrow(/FOREIGN KEY/)
    db.prepare("INSERT INTO health_history VALUES ('cust-1', '2026-01-01', 40)").run()
    const card = db.prepare("INSERT INTO scorecards VALUES (2, '{}', 't', 'alex')")
    card.run()
    expect(() => card.run()).toThrow(/UNIQUE|PRIMARY/)
    // The imported score stays where it was; an account that goes takes its scores along.
    expect(db.prepare("SELECT health_score FROM customers WHERE id = 'cust-1'").get()).toEqual({ health_score: 65 })
    db.prepare("DELETE FROM customers WHERE id = 'cust-1'").run()
    expect(db.prepare('SELECT count(*) AS n FROM health_scores').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM health_history').get()).toEqual({ n: 0 })
  })
})
