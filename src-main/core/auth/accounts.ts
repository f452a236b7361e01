import { z } from 'zod'
import { signToken, type TokenVerifier, type User, type VerifiedToken } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Db, Tx } from '../store/db'
import type { CredentialRow } from '../store/rows'
import { audit } from '../team/audit'
import { hashPassword, NO_USER_HASH, passwordProblem, tokensEndAt, verifyPassword } from './passwords'
import { Gate } from '../api/gate'
import { AuthChecks } from './auth-checks'
import type { PasswordSignIn } from '../sso/types'

export const TOKEN_HOURS = 12
/** Failed sign-ins for one email from one address, in the window, before that address waits. */
export const MAX_FAILURES = 10
/** Failed sign-ins for one email from every address together: a spray across addresses stops too. */
export const MAX_FAILURES_PER_EMAIL = 100
export const FAILURE_WINDOW_MS = 15 * 60_000

const loginBody = z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) })
const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().max(1000),
})

export interface LoginResponse {
  success: true
  token: string
  expiresAt: string
  user: { id: string; email: string; name: string; role: 'csm' | 'admin' }
  /** The password is temporary: this token may only change it (POST /api/auth/password). */
  mustChangePassword: boolean
}

const WRONG = 'That email and password do not match an active account'
/** Who signs in from where, when no network address is known (in-process calls, the desktop's IPC). */
export const LOCAL_ADDRESS = 'local'

/**
 * Sign-in, sign-out, password changes and whether a token still counts. Times here are the real
 * time (the wall clock, injectable for tests), never the business clock: a block must end when it says.
 */
export class Accounts {
  /** Who may sign in with a password: everyone, admins alone (a break-glass path beside single sign-on), or no one. */
  passwordSignIn: PasswordSignIn = 'all'
  readonly checks: AuthChecks

  constructor(
    private readonly db: Db,
    private readonly verifier: TokenVerifier,
    private readonly secret: string,
    private readonly wallClock: () => Date = () => new Date(),
    /** scrypt takes tens of milliseconds of a thread-pool thread on purpose: a burst of sign-ins must not take them all. */
    readonly gate = new Gate({ running: 2, waiting: 16, busy: 'Too many sign-ins at once; try again in a moment' }),
  ) {
    this.checks = new AuthChecks(db)
  }

  /**
   * The token's user, if it may still act: they exist, are active, did not sign this token out
   * and did not change their password since it was issued. Read on every request (checks asked
   * together share a read), so a deactivation takes effect at once, whatever was cached. The email and role are the team's
   * own, never the token's claims.
   */
  async authenticate(header: string | null | undefined): Promise<VerifiedToken> {
    const token = this.verifier.verifyHeaderToken(header)
    const state = await this.checks.state({ userId: token.user.id, jti: token.jti })
    if (!state) throw new ApiError('UNAUTHORIZED', 'This token names no user of this team; sign in again')
    if (!state.active) throw new ApiError('UNAUTHORIZED', 'This account is deactivated; ask your admin')
    if (state.revoked) throw new ApiError('UNAUTHORIZED', 'This token was signed out; sign in again')
    if (token.iat <= state.tokens_valid_after)
      throw new ApiError('UNAUTHORIZED', 'The password changed since this token was issued; sign in again')
    return {
      ...token,
      user: { id: token.user.id, email: state.email, role: state.role },
      mustChangePassword: state.must_change === 1,
    }
  }

  async login(rawBody: unknown, address = LOCAL_ADDRESS): Promise<LoginResponse> {
    const { email, password } = parseBody(loginBody, rawBody)
    if (this.passwordSignIn === 'off') throw passwordsOff('Password sign-in is off on this team server')
    const now = this.wallClock()
    const { user, credential } = await this.checkPassword(email, password, address, now)
    if (this.passwordSignIn === 'admins' && user.role !== 'admin') {
      await this.db.write((tx) =>
        audit(tx, now, user, 'sign-in-refused', {
          reason: 'password sign-in is for admins only',
          details: { address },
        }),
      )
      throw passwordsOff('Password sign-in is for admins only on this team server')
    }
    const response = this.issue(user, now, credential.tokens_valid_after, credential.must_change === 1)
    await this.db.write(async (tx) => {
      await tx.clearSignIns(email, address)
      await audit(tx, now, user, 'sign-in', { details: { address } })
    })
    return response
  }

  /**
   * A user sets their own password, proving the current one (counted like a sign-in). Every
   * other token of theirs ends; the answer carries a new one, so this session goes on.
   */
  async changeOwnPassword(token: VerifiedToken, rawBody: unknown, address = LOCAL_ADDRESS): Promise<LoginResponse> {
    const { currentPassword, newPassword } = parseBody(passwordBody, rawBody)
    if (this.passwordSignIn === 'off' || (this.passwordSignIn === 'admins' && token.user.role !== 'admin'))
      throw passwordsOff('Passwords are not used on this team server')
    const problem = passwordProblem(newPassword)
    if (problem) throw validationError({ newPassword: problem })
    if (newPassword === currentPassword) throw validationError({ newPassword: 'must differ from the current password' })
    const now = this.wallClock()
    const { user } = await this.checkPassword(token.user.email, currentPassword, address, now, 'currentPassword')
    if (user.id !== token.user.id) throw new ApiError('FORBIDDEN', 'A password is changed by its own user')
    await setPassword(this.db, user, user.id, newPassword, now)
    const validAfter = await this.db.write(async (tx) => {
      await tx.clearSignIns(user.email, address)
      return (await tx.credential(user.id))!.tokens_valid_after
    })
    return this.issue(user, now, validAfter, false)
  }

  /**
   * A token for a user single sign-on vouched for, audited as their sign-in. Checked once more
   * here, in the transaction that records it: a user deactivated meanwhile gets none.
   */
  async issueSso(userId: string, address = LOCAL_ADDRESS): Promise<LoginResponse> {
    const now = this.wallClock()
    const { user, validAfter } = await this.db.write(async (tx) => {
      const row = await tx.csm(userId)
      if (!row?.active) throw new ApiError('FORBIDDEN', 'This account is deactivated; ask your admin')
      const user = { id: row.id, email: row.email, role: row.role, name: row.name }
      await audit(tx, now, user, 'sign-in', { details: { address, via: 'sso' } })
      return { user, validAfter: (await tx.credential(userId))?.tokens_valid_after ?? 0 }
    })
    return this.issue(user, now, validAfter, false, 'sso')
  }

  /** Ends the token that calls: it answers 401 from now on, on every server of the team. */
  async logout(token: VerifiedToken): Promise<{ success: true }> {
    if (!token.jti) throw new ApiError('VALIDATION_ERROR', 'This token cannot be signed out: it has no id (jti)')
    await this.db.write(async (tx) => {
      await tx.revokeToken(token.jti!, token.exp, Math.floor(this.wallClock().getTime() / 1000))
      await audit(tx, this.wallClock(), token.user, 'sign-out')
    })
    return { success: true }
  }

  /** Sets a password; tokens issued before it stop counting. */
  setPassword(actor: User | { id: null; email: string }, userId: string, password: string): Promise<void> {
    return setPassword(this.db, actor, userId, password, this.wallClock())
  }

  /**
   * The user whose password this is, or an error. The attempt is reserved before scrypt runs, so a
   * burst gets no more checks than the limit allows; the check itself waits for a place at the gate.
   */
  private async checkPassword(
    email: string,
    password: string,
    address: string,
    now: Date,
    field?: string,
  ): Promise<{ user: User & { name: string }; credential: CredentialRow }> {
    const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()
    const reserved = await this.db.write(async (tx) => {
      await tx.lock(`sign-in:${email.toLowerCase()}`)
      const { fromAddress, all } = await tx.signInAttempts(email, address, since)
      const oldest =
        fromAddress.length >= MAX_FAILURES
          ? fromAddress[fromAddress.length - MAX_FAILURES]
          : all.length >= MAX_FAILURES_PER_EMAIL
            ? all[all.length - MAX_FAILURES_PER_EMAIL]
            : undefined
      if (oldest === undefined)
        return { id: await tx.reserveSignIn(email, address, now.toISOString(), since), retryAfter: undefined }
      const retryAfter = Math.max(1, Math.ceil((Date.parse(oldest) + FAILURE_WINDOW_MS - now.getTime()) / 1000))
      await recordFailure(tx, now, email, address, null, true)
      return { id: 0, retryAfter }
    })
    if (reserved.retryAfter !== undefined) {
      const { retryAfter } = reserved
      throw new ApiError(
        'RATE_LIMITED',
        `Too many failed sign-ins for this email; try again in ${Math.ceil(retryAfter / 60)} minutes`,
        { retryAfter },
      )
    }
    let found
    try {
      found = await this.gate.run(async () => {
        const { user, credential } = await this.db.read(async (tx) => {
          const user = await tx.userByEmail(email)
          return { user, credential: user && (await tx.credential(user.id)) }
        })
        // The same work, and the same answer, for an unknown email as for a wrong password.
        const matches = await verifyPassword(password, credential?.password_hash ?? NO_USER_HASH)
        return { user, credential, ok: !!user && !!credential && matches && user.active === 1 }
      })
    } catch (error) {
      // Refused for load before any check: the reserved attempt does not count.
      await this.db.write((tx) => tx.releaseSignIn(reserved.id))
      throw error
    }
    if (!found.ok) {
      await this.db.write((tx) => recordFailure(tx, now, email, address, found.user?.id ?? null, false))
      if (field) throw validationError({ [field]: 'is not your current password' })
      throw new ApiError('UNAUTHORIZED', WRONG)
    }
    const user = found.user!
    return { user: { id: user.id, email: user.email, role: user.role, name: user.name }, credential: found.credential! }
  }

  private issue(
    user: User & { name: string },
    now: Date,
    validAfter: number,
    mustChangePassword: boolean,
    via?: 'sso',
  ): LoginResponse {
    // After a password change in this same second, the new token must still count (and only it).
    const iat = Math.max(Math.floor(now.getTime() / 1000), validAfter + 1)
    const token = signToken({ id: user.id, email: user.email, role: user.role }, this.secret, {
      nowSeconds: iat,
      expiresInSeconds: TOKEN_HOURS * 3600,
      via,
    })
    return {
      success: true,
      token,
      expiresAt: new Date((iat + TOKEN_HOURS * 3600) * 1000).toISOString(),
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      mustChangePassword,
    }
  }
}

function passwordsOff(message: string): ApiError {
  return new ApiError('FORBIDDEN', `${message}: sign in with your company's single sign-on`, { signIn: 'sso' })
}

/**
 * Failed sign-ins roll up: one audit row per email and window, counting the failures, the blocked
 * attempts and the addresses they came from, so no one fills the log without signing in.
 */
async function recordFailure(
  tx: Tx,
  now: Date,
  email: string,
  address: string,
  userId: string | null,
  blocked: boolean,
): Promise<void> {
  const key = email.toLowerCase()
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()
  // Concurrent failures for one email would read the same row and lose a count (PostgreSQL).
  await tx.lock(`sign-in-audit:${key}`)
  const row = await tx.failedSignInAudit(key, since)
  if (!row) {
    await audit(tx, now, { id: userId, email: key }, 'sign-in-failed', {
      details: { failures: blocked ? 0 : 1, blocked: blocked ? 1 : 0, addresses: [address], lastAt: now.toISOString() },
    })
    return
  }
  const details = JSON.parse(row.details_json) as { failures?: number; blocked?: number; addresses?: string[] }
  const addresses = details.addresses ?? []
  await tx.updateAuditDetails(
    row.seq,
    JSON.stringify({
      failures: (details.failures ?? 0) + (blocked ? 0 : 1),
      blocked: (details.blocked ?? 0) + (blocked ? 1 : 0),
      addresses: addresses.includes(address) || addresses.length >= 10 ? addresses : [...addresses, address],
      lastAt: now.toISOString(),
    }),
  )
}

/**
 * Sets a user's password (hashed before the transaction); their tokens issued up to now stop
 * counting. A temporary one (an admin's or the users command's) must be changed at first sign-in.
 */
export async function setPassword(
  db: Db,
  actor: User | { id: null; email: string },
  userId: string,
  password: string,
  now: Date,
  options: { temporary?: boolean } = {},
): Promise<void> {
  const hash = await hashPassword(password)
  await db.write(async (tx) => {
    await tx.setCredential({
      user_id: userId,
      password_hash: hash,
      tokens_valid_after: tokensEndAt(now, (await tx.credential(userId))?.tokens_valid_after),
      must_change: options.temporary ? 1 : 0,
    })
    await audit(tx, now, actor, options.temporary ? 'password-reset' : 'password-changed', { subject: userId })
  })
}
