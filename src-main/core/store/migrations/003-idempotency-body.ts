import type { Migration } from './types'

export const migration003: Migration = {
  version: 3,
  name: 'idempotency-body',
  sql: `
    -- A key is bound to the body it was first used with; keys older than 30 days expire.
    ALTER TABLE idempotency_keys ADD COLUMN body_hash TEXT NOT NULL DEFAULT '';
    CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
  `,
}
