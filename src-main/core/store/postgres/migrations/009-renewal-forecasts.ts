import type { Migration } from '../../migrations/types'

export const pgMigration009: Migration = {
  version: 9,
  name: 'renewal-forecasts',
  sql: `
    -- A forecast per renewal (an account and one renewal date): it stays beside the outcome once that renewal closes.
    CREATE TABLE forecasts (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      renewal_date TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('commit', 'likely', 'at-risk', 'lost', 'unset')),
      -- NULL: the account's ARR, whatever it is when read.
      forecast_arr BIGINT CHECK (forecast_arr >= 0),
      note TEXT,
      -- 1: a person chose it; 0: a step's decision suggested it (a choice always wins).
      chosen INTEGER NOT NULL CHECK (chosen IN (0, 1)),
      updated_by TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (customer_id, renewal_date)
    );

    -- How each renewal closed: once, whoever records it (an import or the app).
    CREATE TABLE renewal_outcomes (
      customer_id TEXT NOT NULL REFERENCES customers (id),
      renewal_date TEXT NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('renewed', 'churned')),
      arr_before BIGINT NOT NULL,
      arr_after BIGINT NOT NULL,
      closed_at TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('import', 'app')),
      owner_id TEXT NOT NULL,
      forecast_category TEXT NOT NULL,
      PRIMARY KEY (customer_id, renewal_date)
    );
    CREATE INDEX renewal_outcomes_by_date ON renewal_outcomes (renewal_date, owner_id);

    CREATE INDEX customers_by_renewal ON customers (status, renewal_date, owner_id, id, arr, health_score, risk_score);
    CREATE INDEX forecasts_by_renewal ON forecasts (renewal_date, customer_id, category, forecast_arr);
    CREATE INDEX workflows_by_renewal ON workflows (customer_id, renewal_date, status);
  `,
}
