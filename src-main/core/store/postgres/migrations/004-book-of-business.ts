import type { Migration } from '../../migrations/types'

export const pgMigration004: Migration = {
  version: 4,
  name: 'book-of-business',
  sql: `
    -- An imported account is keyed by its CRM id; a churned one keeps its history.
    ALTER TABLE customers ADD COLUMN external_id TEXT UNIQUE;
    UPDATE customers SET external_id = id;
    ALTER TABLE customers ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned'));

    -- A workflow is planned for one renewal date, and can close without completing: superseded
    -- (the account renewed) or cancelled (it churned).
    ALTER TABLE workflows DROP CONSTRAINT workflows_status_check;
    ALTER TABLE workflows ADD CONSTRAINT workflows_status_check
      CHECK (status IN ('pending', 'in_progress', 'completed', 'superseded', 'cancelled'));
    ALTER TABLE workflows ADD COLUMN renewal_date TEXT;
    ALTER TABLE workflows ADD COLUMN closed_at TEXT;
    UPDATE workflows w SET renewal_date = c.renewal_date FROM customers c WHERE c.id = w.customer_id;
    DROP INDEX workflows_by_customer;
    CREATE INDEX workflows_by_customer ON workflows (customer_id, status);
  `,
}
