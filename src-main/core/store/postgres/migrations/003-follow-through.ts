import type { Migration } from '../../migrations/types'

export const pgMigration003: Migration = {
  version: 3,
  name: 'follow-through',
  sql: `
    -- A CSM's promises: next actions recorded in steps, and tasks of their own.
    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      csm_id TEXT NOT NULL REFERENCES csms (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      workflow_id TEXT,
      description TEXT NOT NULL,
      due_date TEXT,
      priority TEXT CHECK (priority IN ('high', 'medium', 'low')),
      status TEXT NOT NULL CHECK (status IN ('open', 'done')),
      created_at TEXT NOT NULL,
      completed_at TEXT
    );
    CREATE INDEX tasks_by_csm ON tasks (csm_id, status);
    CREATE INDEX tasks_by_customer ON tasks (customer_id, status);

    -- A workflow can sleep until a day (it wakes earlier when its renewal is a week away).
    ALTER TABLE workflows ADD COLUMN snoozed_until TEXT;
    ALTER TABLE workflows ADD COLUMN snooze_reason TEXT;
  `,
}
