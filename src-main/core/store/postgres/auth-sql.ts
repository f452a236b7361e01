import type { AuthCheck, AuthState } from '../auth-tx'
import type { CredentialRow } from '../rows'
import { PgIdempotencySql } from './idempotency-sql'

const authStatesOf = (checks: string) =>
  `SELECT r.i, c.active, c.role, c.email, c.name, coalesce(cr.tokens_valid_after, 0) AS tokens_valid_after,
     coalesce(cr.must_change, 0) AS must_change,
     EXISTS (SELECT 1 FROM revoked_tokens t WHERE t.jti = r.jti) AS revoked
   FROM ${checks} AS r (user_id, jti, i)
   JOIN csms c ON c.id = r.user_id LEFT JOIN credentials cr ON cr.user_id = c.id`
const AUTH_STATES = authStatesOf('unnest($1::text[], $2::text[]) WITH ORDINALITY')
/** A lone check (the usual case outside a burst), in a form whose plan PostgreSQL keeps (decision 0023). */
const AUTH_STATES_OF_ONE = authStatesOf('(VALUES ($1::text, $2::text, 1))')

/** PostgreSQL's SQL for sign-in, tokens and passwords, on the layer of applied change ids; PgTx is built on it. */
export abstract class PgAuthSql extends PgIdempotencySql {
  async credential(userId: string) {
    return (await this.rows<CredentialRow>('SELECT * FROM credentials WHERE user_id = $1', [userId]))[0]
  }

  setCredential(r: CredentialRow) {
    return this.run(
      `INSERT INTO credentials (user_id, password_hash, tokens_valid_after, must_change) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,
         tokens_valid_after = EXCLUDED.tokens_valid_after, must_change = EXCLUDED.must_change`,
      [r.user_id, r.password_hash, r.tokens_valid_after, r.must_change],
    )
  }

  async authStates(checks: readonly AuthCheck[]): Promise<(AuthState | undefined)[]> {
    const one = checks.length === 1
    const rows = await this.prepared<AuthState & { i: number }>(
      one ? AUTH_STATES_OF_ONE : AUTH_STATES,
      one ? [checks[0]!.userId, checks[0]!.jti ?? ''] : [checks.map((c) => c.userId), checks.map((c) => c.jti ?? '')],
    )
    const found = new Map(rows.map(({ i, ...state }) => [Number(i), state]))
    return checks.map((_, index) => found.get(index + 1))
  }

  async revokeToken(jti: string, expiresAt: number, now: number) {
    await this.run('DELETE FROM revoked_tokens WHERE expires_at < $1', [now])
    await this.run('INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING', [
      jti,
      expiresAt,
    ])
  }

  async signInAttempts(email: string, address: string, since: string) {
    const rows = await this.rows<{ address: string; at: string }>(
      'SELECT address, at FROM login_attempts WHERE email = lower($1) AND at >= $2 ORDER BY at, id',
      [email, since],
    )
    return { fromAddress: rows.filter((r) => r.address === address).map((r) => r.at), all: rows.map((r) => r.at) }
  }

  async reserveSignIn(email: string, address: string, at: string, forgetBefore: string) {
    await this.run('DELETE FROM login_attempts WHERE at < $1', [forgetBefore])
    const [row] = await this.rows<{ id: number }>(
      'INSERT INTO login_attempts (email, address, at) VALUES (lower($1), $2, $3) RETURNING id',
      [email, address, at],
    )
    return row!.id
  }

  releaseSignIn(id: number) {
    return this.run('DELETE FROM login_attempts WHERE id = $1', [id])
  }

  clearSignIns(email: string, address: string) {
    return this.run('DELETE FROM login_attempts WHERE email = lower($1) AND address = $2', [email, address])
  }

  async failedSignInAudit(email: string, since: string) {
    const [row] = await this.rows<{ seq: number; details_json: string }>(
      `SELECT seq, details_json FROM audit WHERE action = 'sign-in-failed' AND actor_email = lower($1) AND at >= $2
       ORDER BY seq DESC LIMIT 1`,
      [email, since],
    )
    return row
  }

  updateAuditDetails(seq: number, detailsJson: string) {
    return this.run('UPDATE audit SET details_json = $1 WHERE seq = $2', [detailsJson, seq])
  }

  async pruneAudit(before: string) {
    const [row] = await this.rows<{ n: number }>(
      'WITH gone AS (DELETE FROM audit WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM gone',
      [before],
    )
    return row!.n
  }
}
