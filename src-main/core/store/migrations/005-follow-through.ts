import type { Migration } from './types'

export const migration005: Migration = {
  version: 5,
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
    ) STRICT;
    CREATE INDEX tasks_by_csm ON tasks (csm_id, status);
    CREATE INDEX tasks_by_customer ON tasks (customer_id, status);

    -- A workflow can sleep until a day (it wakes earlier when its renewal is a week away).
    ALTER TABLE workflows ADD COLUMN snoozed_until TEXT;
    ALTER TABLE workflows ADD COLUMN snooze_reason TEXT;

    -- The outbox learns the task changes and snoozes (SQLite cannot widen a CHECK: the table is rebuilt).
    CREATE TABLE outbox_next (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      workflow_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('start', 'complete-step', 'complete-workflow', 'create-task', 'complete-task', 'reopen-task', 'snooze', 'resume')),
      path TEXT NOT NULL,
      body_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
      rejection_json TEXT
    ) STRICT;
    INSERT INTO outbox_next SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
  `,
}
