/** A one-time code, good once, for the holder of its challenge's verifier, until it expires. */
export interface SsoCodeRow {
  code_hash: string
  user_id: string
  challenge: string
  /** The provider's ID token, kept for its sign-out. */
  id_token: string
  expires_at: number
}

/** Single sign-on: who a provider's subject is here, and the one-time codes of a sign-in. */
export interface SsoTx {
  /** The user a provider's subject is linked to. */
  ssoUser(issuer: string, subject: string): Promise<string | undefined>
  /** The subject a user is linked to at a provider. */
  ssoSubjectOf(userId: string, issuer: string): Promise<string | undefined>
  linkSsoIdentity(row: { issuer: string; subject: string; user_id: string; linked_at: string }): Promise<void>
  /** Keeps a one-time code; expired ones (before `now`, in ms) are dropped. */
  insertSsoCode(row: SsoCodeRow, now: number): Promise<void>
  /** Takes a one-time code by its hash: it can be taken once, whatever comes next. */
  takeSsoCode(codeHash: string): Promise<SsoCodeRow | undefined>
  /** Keeps the provider's ID token of an app token (by its jti); expired ones (before `now`, in s) are dropped. */
  insertSsoSession(row: { jti: string; id_token: string; expires_at: number }, now: number): Promise<void>
  /** Takes the provider's ID token of an app token that signs out. */
  takeSsoSession(jti: string): Promise<string | undefined>
}
