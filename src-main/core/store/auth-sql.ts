import type Database from 'better-sqlite3'
import type { AuthCheck, AuthState } from './auth-tx'
import type { CredentialRow } from './rows'
import { SqliteIdempotencySql } from './idempotency-sql'

function prepare(db: Database.Database) {
  return {
    credential: db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE user_id = ?'),
    setCredential: db.prepare<CredentialRow>(
      `INSERT INTO credentials (user_id, password_hash, tokens_valid_after, must_change)
       VALUES (@user_id, @password_hash, @tokens_valid_after, @must_change)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
         tokens_valid_after = excluded.tokens_valid_after, must_change = excluded.must_change`,
    ),
    authState: db.prepare<[string, string], Omit<AuthState, 'revoked'> & { revoked: number }>(
      `SELECT c.active, c.role, c.email, c.name, coalesce(cr.tokens_valid_after, 0) AS tokens_valid_after,
         coalesce(cr.must_change, 0) AS must_change,
         EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?) AS revoked
       FROM csms c LEFT JOIN credentials cr ON cr.user_id = c.id WHERE c.id = ?`,
    ),
    revokeToken: db.prepare<[string, number]>(
      'INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING',
    ),
    forgetRevoked: db.prepare<[number]>('DELETE FROM revoked_tokens WHERE expires_at < ?'),
    attempts: db.prepare<[string, string], { address: string; at: string }>(
      'SELECT address, at FROM login_attempts WHERE email = lower(?) AND at >= ? ORDER BY at, id',
    ),
    reserve: db.prepare<[string, string, string]>(
      'INSERT INTO login_attempts (email, address, at) VALUES (lower(?), ?, ?)',
    ),
    forgetAttempts: db.prepare<[string]>('DELETE FROM login_attempts WHERE at < ?'),
    release: db.prepare<[number]>('DELETE FROM login_attempts WHERE id = ?'),
    clear: db.prepare<[string, string]>('DELETE FROM login_attempts WHERE email = lower(?) AND address = ?'),
    failedAudit: db.prepare<[string, string], { seq: number; details_json: string }>(
      `SELECT seq, details_json FROM audit WHERE action = 'sign-in-failed' AND actor_email = lower(?) AND at >= ?
       ORDER BY seq DESC LIMIT 1`,
    ),
    updateAudit: db.prepare<[string, number]>('UPDATE audit SET details_json = ? WHERE seq = ?'),
    pruneAudit: db.prepare<[string]>('DELETE FROM audit WHERE at < ?'),
  }
}

/** SQLite's SQL for sign-in, tokens and passwords, on the layer of applied change ids; the Store is built on it. */
export abstract class SqliteAuthSql extends SqliteIdempotencySql {
  private authStatements?: ReturnType<typeof prepare>

  private get auth() {
    return (this.authStatements ??= prepare(this.db))
  }

  credential(userId: string): CredentialRow | undefined {
    return this.auth.credential.get(userId)
  }

  setCredential(row: CredentialRow): void {
    this.auth.setCredential.run(row)
  }

  authStates(checks: readonly AuthCheck[]): (AuthState | undefined)[] {
    return checks.map(({ userId, jti }) => {
      const row = this.auth.authState.get(jti ?? '', userId)
      return row && { ...row, revoked: row.revoked === 1 }
    })
  }

  revokeToken(jti: string, expiresAt: number, now: number): void {
    this.auth.forgetRevoked.run(now)
    this.auth.revokeToken.run(jti, expiresAt)
  }

  signInAttempts(email: string, address: string, since: string): { fromAddress: string[]; all: string[] } {
    const rows = this.auth.attempts.all(email, since)
    return { fromAddress: rows.filter((r) => r.address === address).map((r) => r.at), all: rows.map((r) => r.at) }
  }

  reserveSignIn(email: string, address: string, at: string, forgetBefore: string): number {
    this.auth.forgetAttempts.run(forgetBefore)
    return Number(this.auth.reserve.run(email, address, at).lastInsertRowid)
  }

  releaseSignIn(id: number): void {
    this.auth.release.run(id)
  }

  clearSignIns(email: string, address: string): void {
    this.auth.clear.run(email, address)
  }

  failedSignInAudit(email: string, since: string): { seq: number; details_json: string } | undefined {
    return this.auth.failedAudit.get(email, since)
  }

  updateAuditDetails(seq: number, detailsJson: string): void {
    this.auth.updateAudit.run(detailsJson, seq)
  }

  pruneAudit(before: string): number {
    return this.auth.pruneAudit.run(before).changes
  }
}
