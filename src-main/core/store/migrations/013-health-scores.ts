import type { Migration } from './types'

export const migration013: Migration = {
  version: 13,
  name: 'health-scores',
  sql: `
    -- health_score becomes the score the team's scorecard computes; what the import brought is
    -- kept apart, as one of the signals. Until an admin saves a scorecard they are equal.
    ALTER TABLE customers ADD COLUMN imported_health INTEGER;
    UPDATE customers SET imported_health = health_score;
    -- Which scorecard version, and which day, the score was computed with ("days since" age daily).
    ALTER TABLE customers ADD COLUMN health_version INTEGER;
    ALTER TABLE customers ADD COLUMN health_day TEXT;

    -- Every version of the scorecard, immutable; the highest is the one in force.
    CREATE TABLE scorecards (
      version INTEGER PRIMARY KEY,
      body_json TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      saved_by TEXT NOT NULL
    ) STRICT;

    -- Each account's score by day, for its trend.
    CREATE TABLE health_history (
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      day TEXT NOT NULL,
      score INTEGER,
      PRIMARY KEY (customer_id, day)
    ) STRICT;
  `,
}
