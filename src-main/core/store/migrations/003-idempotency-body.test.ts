import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { migration001 } from './001-initial'
import { migration002 } from './002-sync'
import { migration003 } from './003-idempotency-body'

describe('migration 003 (idempotency body)', () => {
  it('adds a body hash to the keys already stored, keeping them and their answers', () => {
    const db = new Database(':memory:')
    migrate(db, [migration001, migration002], () => new Date())
    db.prepare(
      "INSERT INTO idempotency_keys VALUES ('key-12345678', 'u', '/p', '{}', '2025-01-01T00:00:00.000Z')",
    ).run()
    migrate(db, [migration001, migration002, migration003], () => new Date())
    expect(db.prepare('SELECT key, response_json, body_hash FROM idempotency_keys').all()).toEqual([
      { key: 'key-12345678', response_json: '{}', body_hash: '' },
    ])
  })
})
