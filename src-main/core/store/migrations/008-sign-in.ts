import type { Migration } from './types'

export const migration008: Migration = {
  version: 8,
  name: 'sign-in',
  sql: `
    -- A temporary password (from an admin or the users command) must be changed at first sign-in.
    ALTER TABLE credentials ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));

    -- Sign-in attempts by email and client address, reserved before the password is checked, so a
    -- burst cannot outrun the limit. They replace failures by email alone (a 15-minute window).
    DROP TABLE login_failures;
    CREATE TABLE login_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL,
      address TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX login_attempts_by_email ON login_attempts (email, at);

    -- Failed sign-ins roll up into one row per email and window; retention prunes by time.
    CREATE INDEX audit_by_action_actor ON audit (action, actor_email, at);
    CREATE INDEX audit_by_time ON audit (at);

    -- Applied change ids outlive their answers (kept 30 days, then compacted to ''): this index
    -- holds only the uncompacted ones, so compacting touches just the keys that came of age.
    CREATE INDEX idempotency_keys_uncompacted ON idempotency_keys (created_at) WHERE response_json <> '';
  `,
}
