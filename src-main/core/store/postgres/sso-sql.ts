import type { SsoCodeRow } from '../sso-tx'
import { PgContextBatchSql } from './context-batch-sql'

/** PostgreSQL's SQL for single sign-on. BIGINT times come back as text: they are read as numbers. */
export abstract class PgSsoSql extends PgContextBatchSql {
  async ssoUser(issuer: string, subject: string) {
    const [row] = await this.rows<{ user_id: string }>(
      'SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    )
    return row?.user_id
  }

  async ssoSubjectOf(userId: string, issuer: string) {
    const [row] = await this.rows<{ subject: string }>(
      'SELECT subject FROM sso_identities WHERE user_id = $1 AND issuer = $2',
      [userId, issuer],
    )
    return row?.subject
  }

  async linkSsoIdentity(row: { issuer: string; subject: string; user_id: string; linked_at: string }) {
    await this.run('INSERT INTO sso_identities (issuer, subject, user_id, linked_at) VALUES ($1, $2, $3, $4)', [
      row.issuer,
      row.subject,
      row.user_id,
      row.linked_at,
    ])
  }

  async insertSsoCode(row: SsoCodeRow, now: number) {
    await this.run('DELETE FROM sso_codes WHERE expires_at < $1', [now])
    await this.run(
      'INSERT INTO sso_codes (code_hash, user_id, challenge, id_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [row.code_hash, row.user_id, row.challenge, row.id_token, row.expires_at],
    )
  }

  async takeSsoCode(codeHash: string) {
    const [row] = await this.rows<SsoCodeRow>('DELETE FROM sso_codes WHERE code_hash = $1 RETURNING *', [codeHash])
    return row && { ...row, expires_at: Number(row.expires_at) }
  }

  async insertSsoSession(row: { jti: string; id_token: string; expires_at: number }, now: number) {
    await this.run('DELETE FROM sso_sessions WHERE expires_at < $1', [now])
    await this.run('INSERT INTO sso_sessions (jti, id_token, expires_at) VALUES ($1, $2, $3)', [
      row.jti,
      row.id_token,
      row.expires_at,
    ])
  }

  async takeSsoSession(jti: string) {
    const [row] = await this.rows<{ id_token: string }>('DELETE FROM sso_sessions WHERE jti = $1 RETURNING id_token', [
      jti,
    ])
    return row?.id_token
  }
}
