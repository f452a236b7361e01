import type { Migration } from '../../migrations/types'

export const pgMigration011: Migration = {
  version: 11,
  name: 'health-scores',
  sql: `
    -- Each account's score on the team's scorecard, apart from the wide customers row (whose
    -- health_score stays what the import brought, one of the signals): rescoring a book rewrites
    -- these narrow rows only. No row yet: the default scorecard's answer, the imported score.
    CREATE TABLE health_scores (
      customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
      score INTEGER,
      version INTEGER NOT NULL,
      day TEXT NOT NULL
    ) WITH (fillfactor = 70); -- room on each page, so a rescore updates in place (HOT)

    -- Every version of the scorecard, immutable; the highest is the one in force.
    CREATE TABLE scorecards (
      version INTEGER PRIMARY KEY,
      body_json TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      saved_by TEXT NOT NULL
    );

    -- Each account's score by day, for its trend.
    CREATE TABLE health_history (
      customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      day TEXT NOT NULL,
      score INTEGER,
      PRIMARY KEY (customer_id, day)
    );
  `,
}
