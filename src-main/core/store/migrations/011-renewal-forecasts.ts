import type { Migration } from './types'

export const migration011: Migration = {
  version: 11,
  name: 'renewal-forecasts',
  sql: `
    -- A forecast per renewal (an account and one renewal date): it stays beside the outcome once that renewal closes.
    CREATE TABLE forecasts (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      renewal_date TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('commit', 'likely', 'at-risk', 'lost', 'unset')),
      -- NULL: the account's ARR, whatever it is when read.
      forecast_arr INTEGER CHECK (forecast_arr >= 0),
      note TEXT,
      -- 1: a person chose it; 0: a step's decision suggested it (a choice always wins).
      chosen INTEGER NOT NULL CHECK (chosen IN (0, 1)),
      updated_by TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (customer_id, renewal_date)
    ) STRICT;

    -- How each renewal closed: once, whoever records it (an import or the app).
    CREATE TABLE renewal_outcomes (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      renewal_date TEXT NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('renewed', 'churned')),
      arr_before INTEGER NOT NULL,
      arr_after INTEGER NOT NULL,
      closed_at TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('import', 'app')),
      -- The owner at close, whom the reports credit.
      owner_id TEXT NOT NULL,
      -- The forecast's category when it closed ('unset' when there was none).
      forecast_category TEXT NOT NULL,
      PRIMARY KEY (customer_id, renewal_date)
    ) STRICT;
    CREATE INDEX renewal_outcomes_by_date ON renewal_outcomes (renewal_date, owner_id);

    -- The forecast report reads active accounts by renewal date from these indexes alone (they hold every column it reads).
    CREATE INDEX customers_by_renewal ON customers (status, renewal_date, owner_id, id, arr, health_score, risk_score);
    CREATE INDEX forecasts_by_renewal ON forecasts (renewal_date, customer_id, category, forecast_arr);
    CREATE INDEX workflows_by_renewal ON workflows (customer_id, renewal_date, status);

    -- A desk's outbox learns forecasts (SQLite cannot widen a CHECK: the table is rebuilt).
    CREATE TABLE outbox_next (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      workflow_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('start', 'complete-step', 'complete-workflow', 'create-task', 'complete-task',
        'reopen-task', 'snooze', 'resume', 'set-forecast')),
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
