import type Database from 'better-sqlite3'
import { SqliteContextBatchSql } from './context-batch-sql'
import type { SsoCodeRow } from './sso-tx'

function prepare(db: Database.Database) {
  return {
    user: db
      .prepare<[string, string], string>('SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?')
      .pluck(),
    subjectOf: db
      .prepare<[string, string], string>('SELECT subject FROM sso_identities WHERE user_id = ? AND issuer = ?')
      .pluck(),
    link: db.prepare<{ issuer: string; subject: string; user_id: string; linked_at: string }>(
      'INSERT INTO sso_identities (issuer, subject, user_id, linked_at) VALUES (@issuer, @subject, @user_id, @linked_at)',
    ),
    forgetCodes: db.prepare<[number]>('DELETE FROM sso_codes WHERE expires_at < ?'),
    insertCode: db.prepare<SsoCodeRow>(
      `INSERT INTO sso_codes (code_hash, user_id, challenge, id_token, expires_at)
       VALUES (@code_hash, @user_id, @challenge, @id_token, @expires_at)`,
    ),
    takeCode: db.prepare<[string], SsoCodeRow>('DELETE FROM sso_codes WHERE code_hash = ? RETURNING *'),
    forgetSessions: db.prepare<[number]>('DELETE FROM sso_sessions WHERE expires_at < ?'),
    insertSession: db.prepare<{ jti: string; id_token: string; expires_at: number }>(
      'INSERT INTO sso_sessions (jti, id_token, expires_at) VALUES (@jti, @id_token, @expires_at)',
    ),
    takeSession: db.prepare<[string], string>('DELETE FROM sso_sessions WHERE jti = ? RETURNING id_token').pluck(),
  }
}

/** SQLite's SQL for single sign-on; the Store is built on it. */
export abstract class SqliteSsoSql extends SqliteContextBatchSql {
  private ssoStatements?: ReturnType<typeof prepare>

  private get sso() {
    return (this.ssoStatements ??= prepare(this.db))
  }

  ssoUser(issuer: string, subject: string): string | undefined {
    return this.sso.user.get(issuer, subject)
  }

  ssoSubjectOf(userId: string, issuer: string): string | undefined {
    return this.sso.subjectOf.get(userId, issuer)
  }

  linkSsoIdentity(row: { issuer: string; subject: string; user_id: string; linked_at: string }): void {
    this.sso.link.run(row)
  }

  insertSsoCode(row: SsoCodeRow, now: number): void {
    this.sso.forgetCodes.run(now)
    this.sso.insertCode.run(row)
  }

  takeSsoCode(codeHash: string): SsoCodeRow | undefined {
    return this.sso.takeCode.get(codeHash)
  }

  insertSsoSession(row: { jti: string; id_token: string; expires_at: number }, now: number): void {
    this.sso.forgetSessions.run(now)
    this.sso.insertSession.run(row)
  }

  takeSsoSession(jti: string): string | undefined {
    return this.sso.takeSession.get(jti)
  }
}
