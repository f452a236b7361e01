import type { CredentialRow, Role } from './rows'

/** What decides whether a token still counts, read on every request. */
export interface AuthState {
  active: number
  role: Role
  /** From the users table: what the app records and shows, never the token's claims. */
  email: string
  name: string
  tokens_valid_after: number
  revoked: boolean
  /** The password is a temporary one: the token may only change it. */
  must_change: number
}

/** Whose token to check: its user and its id (a token without one cannot be signed out). */
export interface AuthCheck {
  userId: string
  jti: string | null
}

/** Sign-in, tokens and passwords: what the auth use-cases ask of either engine. */
export interface AuthTx {
  credential(userId: string): Promise<CredentialRow | undefined>
  setCredential(row: CredentialRow): Promise<void>
  /** Each token's state, in the order asked (undefined: no such user): many requests' checks in one read. */
  authStates(checks: readonly AuthCheck[]): Promise<(AuthState | undefined)[]>
  /** Ends a token; sign-outs of tokens expired before `now` are forgotten (they fail anyway). */
  revokeToken(jti: string, expiresAt: number, now: number): Promise<void>
  /** Sign-in attempts for an email since a time, oldest first: from this address, and from everywhere. */
  signInAttempts(email: string, address: string, since: string): Promise<{ fromAddress: string[]; all: string[] }>
  /** Reserves an attempt before the password is checked; attempts before `forgetBefore` are dropped. */
  reserveSignIn(email: string, address: string, at: string, forgetBefore: string): Promise<number>
  /** A reserved attempt that was never checked (the check was refused for load) no longer counts. */
  releaseSignIn(id: number): Promise<void>
  /** A right password from an address forgets that address's failures for the email. */
  clearSignIns(email: string, address: string): Promise<void>
  /** The latest rolled-up failed sign-in row for an email, since a time. */
  failedSignInAudit(email: string, since: string): Promise<{ seq: number; details_json: string } | undefined>
  updateAuditDetails(seq: number, detailsJson: string): Promise<void>
  /** Audit rows older than the retention are dropped. */
  pruneAudit(before: string): Promise<number>
}
