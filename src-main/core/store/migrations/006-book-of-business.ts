import type { Migration } from './types'

export const migration006: Migration = {
  version: 6,
  name: 'book-of-business',
  sql: `
    -- An imported account is keyed by its CRM id; a churned one keeps its history.
    ALTER TABLE customers ADD COLUMN external_id TEXT;
    UPDATE customers SET external_id = id;
    CREATE UNIQUE INDEX customers_by_external_id ON customers (external_id);
    ALTER TABLE customers ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned'));

    -- A workflow is planned for one renewal date, and can close without completing: superseded
    -- (the account renewed) or cancelled (it churned). SQLite cannot widen a CHECK: the table is rebuilt.
    CREATE TABLE workflows_next (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      type TEXT NOT NULL,
      assigned_to TEXT NOT NULL REFERENCES csms (id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'superseded', 'cancelled')),
      assigned_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT,
      completed_by TEXT,
      total_duration INTEGER,
      outcome_json TEXT,
      snoozed_until TEXT,
      snooze_reason TEXT,
      renewal_date TEXT,
      closed_at TEXT
    ) STRICT;
    INSERT INTO workflows_next
      SELECT w.id, w.customer_id, w.type, w.assigned_to, w.status, w.assigned_at, w.started_at, w.completed_at,
        w.completed_by, w.total_duration, w.outcome_json, w.snoozed_until, w.snooze_reason,
        (SELECT c.renewal_date FROM customers c WHERE c.id = w.customer_id), NULL
      FROM workflows w;
    DROP TABLE workflows;
    ALTER TABLE workflows_next RENAME TO workflows;
    CREATE INDEX workflows_by_csm_status ON workflows (assigned_to, status, completed_at);
    CREATE INDEX workflows_by_customer ON workflows (customer_id, status);
  `,
}
