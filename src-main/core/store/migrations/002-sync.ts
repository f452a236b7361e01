import type { Migration } from './types'

export const migration002: Migration = {
  version: 2,
  name: 'sync',
  sql: `
    -- Server side: each Idempotency-Key with the response it got, written with its effect.
    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      path TEXT NOT NULL,
      response_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    -- Client side: every local change not yet confirmed by the server, in order.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      workflow_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('start', 'complete-step', 'complete-workflow')),
      path TEXT NOT NULL,
      body_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
      rejection_json TEXT
    ) STRICT;

    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
}
