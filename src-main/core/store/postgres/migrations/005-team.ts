import type { Migration } from '../../migrations/types'

export const pgMigration005: Migration = {
  version: 5,
  name: 'team',
  sql: `
    -- Users are the csms table: they can be deactivated, and their emails differ in more than case.
    ALTER TABLE csms ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
    CREATE UNIQUE INDEX csms_by_email ON csms (lower(email));

    -- A password (scrypt, salted) and the time before which the user's tokens no longer count.
    CREATE TABLE credentials (
      user_id TEXT PRIMARY KEY REFERENCES csms (id),
      password_hash TEXT NOT NULL,
      tokens_valid_after BIGINT NOT NULL DEFAULT 0
    );

    -- Tokens ended by a sign-out, until they would have expired anyway.
    CREATE TABLE revoked_tokens (
      jti TEXT PRIMARY KEY,
      expires_at BIGINT NOT NULL
    );

    -- Failed sign-ins, by email, for the rate limit.
    CREATE TABLE login_failures (
      email TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX login_failures_by_email ON login_failures (email, at);

    -- Who did what, when and why: sign-ins, reassignments, user changes, imports.
    CREATE TABLE audit (
      seq BIGSERIAL PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id TEXT,
      actor_email TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT,
      reason TEXT,
      details_json TEXT NOT NULL DEFAULT '{}'
    );
  `,
}
