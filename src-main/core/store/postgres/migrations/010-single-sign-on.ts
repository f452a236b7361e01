import type { Migration } from '../../migrations/types'

export const pgMigration010: Migration = {
  version: 10,
  name: 'single-sign-on',
  sql: `
    -- Who a user is at an OpenID provider: matched by the provider's subject, never by email alone.
    CREATE TABLE sso_identities (
      issuer TEXT NOT NULL,
      subject TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES csms (id),
      linked_at TEXT NOT NULL,
      PRIMARY KEY (issuer, subject)
    );
    CREATE UNIQUE INDEX sso_identities_by_user ON sso_identities (user_id, issuer);

    -- The one-time code a desk or a browser tab trades for a token, bound to its PKCE challenge.
    -- (A sign-in on its way through the provider is kept in a sealed cookie, not here: starting one
    -- writes nothing.)
    CREATE TABLE sso_codes (
      code_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES csms (id),
      challenge TEXT NOT NULL,
      id_token TEXT NOT NULL,
      expires_at BIGINT NOT NULL
    );

    -- The provider's ID token of each app token single sign-on gave, for the provider's sign-out
    -- (id_token_hint, which Okta requires); dropped at sign-out or when the app token expires.
    CREATE TABLE sso_sessions (
      jti TEXT PRIMARY KEY,
      id_token TEXT NOT NULL,
      expires_at BIGINT NOT NULL
    );
  `,
}
