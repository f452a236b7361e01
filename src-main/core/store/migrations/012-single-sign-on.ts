import type { Migration } from './types'

export const migration012: Migration = {
  version: 12,
  name: 'single-sign-on',
  sql: `
    -- Who a user is at an OpenID provider: matched by the provider's subject, never by email alone.
    CREATE TABLE sso_identities (
      issuer TEXT NOT NULL,
      subject TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES csms (id),
      linked_at TEXT NOT NULL,
      PRIMARY KEY (issuer, subject)
    ) STRICT;
    CREATE UNIQUE INDEX sso_identities_by_user ON sso_identities (user_id, issuer);

    -- A sign-in on its way through the provider, found by its state (hashed) and used once.
    CREATE TABLE sso_logins (
      state_hash TEXT PRIMARY KEY,
      nonce TEXT NOT NULL,
      verifier TEXT NOT NULL,
      challenge TEXT NOT NULL,
      redirect TEXT,
      client_state TEXT,
      expires_at INTEGER NOT NULL
    ) STRICT;

    -- The one-time code a desk or a browser tab trades for a token, bound to its PKCE challenge.
    -- (A sign-in on its way through the provider is kept in a sealed cookie, not here: starting one
    -- writes nothing.)
    CREATE TABLE sso_codes (
      code_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES csms (id),
      challenge TEXT NOT NULL,
      id_token TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;

    -- The provider's ID token of each app token single sign-on gave, for the provider's sign-out
    -- (id_token_hint, which Okta requires); dropped at sign-out or when the app token expires.
    CREATE TABLE sso_sessions (
      jti TEXT PRIMARY KEY,
      id_token TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
  `,
}
