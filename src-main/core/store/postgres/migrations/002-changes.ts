import type { Migration } from '../../migrations/types'

export const pgMigration002: Migration = {
  version: 2,
  name: 'changes',
  sql: `
    -- One row per change and user it concerns, in commit order: what /api/events sends, and
    -- replays to a client that reconnects with Last-Event-ID, whichever instance it reaches.
    CREATE TABLE changes (
      seq BIGSERIAL PRIMARY KEY,
      user_id TEXT NOT NULL,
      type TEXT NOT NULL,
      workflow_id TEXT,
      customer_id TEXT,
      at TEXT NOT NULL
    );
    CREATE INDEX changes_by_user ON changes (user_id, seq);
  `,
}
