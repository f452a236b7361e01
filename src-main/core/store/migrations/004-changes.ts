import type { Migration } from './types'

export const migration004: Migration = {
  version: 4,
  name: 'changes',
  sql: `
    -- One row per change and user it concerns, in commit order: what /api/events sends, and
    -- replays to a client that reconnects with Last-Event-ID. Read by seq only (no other
    -- index, no AUTOINCREMENT: every change writes here); pruning keeps the newest row, so
    -- seq never goes back.
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY,
      user_id TEXT NOT NULL,
      type TEXT NOT NULL,
      workflow_id TEXT,
      customer_id TEXT,
      at TEXT NOT NULL
    ) STRICT;
  `,
}
