import type { Migration } from './types'

export const migration004: Migration = {
  version: 4,
  name: 'changes',
  sql: `
    -- One row per change and user it concerns, in commit order: what /api/events sends, and
    -- replays to a client that reconnects with Last-Event-ID.
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id TEXT NOT NULL,
      type TEXT NOT NULL,
      workflow_id TEXT,
      customer_id TEXT,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX changes_by_user ON changes (user_id, seq);
  `,
}
