import { z } from 'zod'
import { signToken, type TokenVerifier, type User, type VerifiedToken } from '../api/auth'
import { parseBody } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Db } from '../store/db'
import { audit } from '../team/audit'
import { hashPassword, NO_USER_HASH, verifyPassword } from './passwords'

export const TOKEN_HOURS = 12
export const MAX_FAILURES = 10
export const FAILURE_WINDOW_MS = 15 * 60_000

const loginBody = z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) })

export interface LoginResponse {
  success: true
  token: string
  expiresAt: string
  user: { id: string; email: string; name: string; role: 'csm' | 'admin' }
}

const WRONG = 'That email and password do not match an active account'

/**
 * Sign-in, sign-out and whether a token still counts. Times here are the real time (the wall
 * clock, injectable for tests), never the business clock: a block must end when it says.
 */
export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly verifier: TokenVerifier,
    private readonly secret: string,
    private readonly wallClock: () => Date = () => new Date(),
  ) {}

  /**
   * The token's user, if it may still act: they exist, are active, did not sign this token out
   * and did not change their password since it was issued. Checked on every request, so a
   * deactivation takes effect at once, whatever was cached.
   */
  async authenticate(header: string | null | undefined): Promise<VerifiedToken> {
    const token = this.verifier.verifyHeaderToken(header)
    const state = await this.db.read((tx) => tx.authState(token.user.id, token.jti))
    if (!state) throw new ApiError('UNAUTHORIZED', 'This token names no user of this team; sign in again')
    if (!state.active) throw new ApiError('UNAUTHORIZED', 'This account is deactivated; ask your admin')
    if (state.revoked) throw new ApiError('UNAUTHORIZED', 'This token was signed out; sign in again')
    if (token.iat <= state.tokens_valid_after)
      throw new ApiError('UNAUTHORIZED', 'The password changed since this token was issued; sign in again')
    // The role is the one the team has now, not the one the token was issued with.
    return state.role === token.user.role ? token : { ...token, user: { ...token.user, role: state.role } }
  }

  async login(rawBody: unknown): Promise<LoginResponse> {
    const { email, password } = parseBody(loginBody, rawBody)
    const now = this.wallClock()
    // One read: the recent failures, the user and their password.
    const { failures, user, credential } = await this.db.read(async (tx) => {
      const user = await tx.userByEmail(email)
      return {
        failures: await tx.loginFailures(email, new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()),
        user,
        credential: user && (await tx.credential(user.id)),
      }
    })
    if (failures.length >= MAX_FAILURES) {
      const freeAt = Date.parse(failures[failures.length - MAX_FAILURES]!) + FAILURE_WINDOW_MS
      const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000))
      await this.db.write((tx) =>
        audit(tx, now, { id: null, email }, 'sign-in-failed', { details: { blocked: true, retryAfter } }),
      )
      throw new ApiError(
        'RATE_LIMITED',
        `Too many failed sign-ins for this email; try again in ${Math.ceil(retryAfter / 60)} minutes`,
        { retryAfter },
      )
    }
    // The same work, and the same answer, for an unknown email as for a wrong password.
    const matches = await verifyPassword(password, credential?.password_hash ?? NO_USER_HASH)
    if (!user || !credential || !matches || !user.active) {
      await this.db.write(async (tx) => {
        await tx.recordLoginFailure(email, now.toISOString(), new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString())
        await audit(tx, now, { id: user?.id ?? null, email }, 'sign-in-failed')
      })
      throw new ApiError('UNAUTHORIZED', WRONG)
    }
    // After a password change in this same second, the new token must still count (and only it).
    const iat = Math.max(Math.floor(now.getTime() / 1000), credential.tokens_valid_after + 1)
    const token = signToken({ id: user.id, email: user.email, role: user.role }, this.secret, {
      nowSeconds: iat,
      expiresInSeconds: TOKEN_HOURS * 3600,
    })
    await this.db.write(async (tx) => {
      await tx.clearLoginFailures(email)
      await audit(tx, now, user, 'sign-in')
    })
    return {
      success: true,
      token,
      expiresAt: new Date((iat + TOKEN_HOURS * 3600) * 1000).toISOString(),
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
    }
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
}

/** Sets a user's password (hashed before the transaction); their tokens issued up to now stop counting. */
export async function setPassword(
  db: Db,
  actor: User | { id: null; email: string },
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const hash = await hashPassword(password)
  await db.write(async (tx) => {
    await tx.setCredential({
      user_id: userId,
      password_hash: hash,
      tokens_valid_after: Math.floor(now.getTime() / 1000),
    })
    await audit(tx, now, actor, 'password-changed', { subject: userId })
  })
}
