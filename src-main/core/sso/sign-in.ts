import { createHash, randomBytes } from 'node:crypto'
import * as oidc from 'openid-client'
import { z } from 'zod'
import { parseBody } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { TokenClaims } from '../api/auth'
import type { Accounts, LoginResponse } from '../auth/accounts'
import type { Db } from '../store/db'
import { tokenSeal, type TokenSeal } from '../sync/sealed-token'
import { audit } from '../team/audit'
import { RelyingParty, type RelyingPartyOptions } from './relying-party'
import type { OidcSettings } from './types'
import { SignInRefused, userForClaims } from './users'

/** A one-time code is good for 60 seconds; a sign-in at the provider may take 10 minutes. */
export const CODE_SECONDS = 60
const SIGN_IN_SECONDS = 600
export const SIGN_IN_COOKIE = 'csmdesk_sso'
const COOKIE_PATH = '/api/auth/oidc'
export const CALLBACK_PATH = '/api/auth/oidc/callback'

/** A PKCE S256 challenge: the base64url SHA-256 of a verifier. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/
const CLIENT_STATE = /^[A-Za-z0-9_-]{16,128}$/

const exchangeBody = z.strictObject({
  code: z.string().min(1).max(200),
  verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be a PKCE code verifier'),
})

/** What the sealed cookie carries from the start to the callback. */
interface Pending {
  state: string
  nonce: string
  verifier: string
  challenge: string
  redirect: string | null
  clientState: string | null
  expiresAt: number
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

/** openid-client's reason, with the check that failed ("unexpected JWT claim value encountered: nonce"). */
function whyRefused(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { message?: string; claim?: string } }
  const detail = cause?.claim ?? (cause?.message && cause.message !== message ? cause.message : undefined)
  return detail ? `${message}: ${detail}` : message
}

/**
 * A desk's loopback redirect (RFC 8252, 7.3): http on the loopback address, any port, /callback.
 * Nothing else: the code must not go to a page an attacker picks.
 */
export function deskRedirect(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null
  const ok =
    url?.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === '[::1]') &&
    !!url.port &&
    url.pathname === '/callback' &&
    !url.search &&
    !url.hash &&
    !url.username
  if (!ok)
    throw new ApiError('VALIDATION_ERROR', 'redirect must be this computer’s loopback callback', {
      fields: { redirect: 'must be http://127.0.0.1:<port>/callback' },
    })
  return url.href
}

/**
 * Single sign-on at the team server. The server completes the provider's flow (code with PKCE,
 * state and nonce), then hands whoever started it, a browser tab or a desk, a one-time code bound
 * to that app's own PKCE challenge; the app trades it, with its verifier, for the app's token.
 */
export class SingleSignOn {
  readonly party: RelyingParty
  private readonly seal: TokenSeal

  constructor(
    private readonly db: Db,
    private readonly accounts: Accounts,
    readonly settings: OidcSettings,
    secret: string,
    private readonly wallClock: () => Date = () => new Date(),
    options: RelyingPartyOptions = {},
  ) {
    this.party = new RelyingParty(settings, options)
    this.seal = tokenSeal(secret, 'sso-sign-in')
  }

  private origin(requestOrigin: string): string {
    return (this.settings.publicUrl ?? requestOrigin).replace(/\/$/, '')
  }

  /** GET /api/auth/oidc/start: where the browser goes, and the sealed cookie that comes back with it. */
  async start(
    query: { challenge?: string; redirect?: string; state?: string },
    requestOrigin: string,
  ): Promise<{ location: string; cookie: string }> {
    if (!query.challenge || !CHALLENGE.test(query.challenge))
      throw new ApiError('VALIDATION_ERROR', 'Start single sign-on with a PKCE challenge (S256)', {
        fields: { challenge: 'must be a base64url SHA-256 (43 characters)' },
      })
    if (query.state !== undefined && !CLIENT_STATE.test(query.state))
      throw new ApiError('VALIDATION_ERROR', 'state must be 16-128 base64url characters', {
        fields: { state: 'must be 16-128 base64url characters' },
      })
    const pending: Pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      challenge: query.challenge,
      redirect: query.redirect === undefined ? null : deskRedirect(query.redirect),
      clientState: query.state ?? null,
      expiresAt: this.wallClock().getTime() + SIGN_IN_SECONDS * 1000,
    }
    const origin = this.origin(requestOrigin)
    const location = await this.party.authorizationUrl(origin + CALLBACK_PATH, pending)
    return { location, cookie: this.cookie(this.seal.seal(JSON.stringify(pending)), SIGN_IN_SECONDS, origin) }
  }

  private cookie(value: string, maxAge: number, origin: string): string {
    const secure = origin.startsWith('https:') ? '; Secure' : ''
    return `${SIGN_IN_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`
  }

  /** The cookie that ends a sign-in at its callback, whatever the outcome. */
  clearCookie(requestOrigin: string): string {
    return this.cookie('', 0, this.origin(requestOrigin))
  }

  /**
   * GET /api/auth/oidc/callback: checks the provider's answer against the sign-in this browser
   * started, finds or creates the user, and answers where to send the browser: to the app or the
   * desk with a one-time code, or with the refusal. Refusals are audited.
   */
  async callback(callbackUrl: URL, sealed: string | undefined, address: string): Promise<string> {
    const opened = sealed ? this.seal.open(sealed) : null
    const pending = opened ? (JSON.parse(opened) as Pending) : null
    const back = (params: Record<string, string>) => {
      const query = new URLSearchParams({ ...params, ...(pending?.clientState && { state: pending.clientState }) })
      return pending?.redirect ? `${pending.redirect}?${query}` : `/#/sso?${query}`
    }
    try {
      const { userId, idToken } = await this.check(callbackUrl, pending, address)
      const code = randomBytes(32).toString('base64url')
      const now = this.wallClock().getTime()
      await this.db.write((tx) =>
        tx.insertSsoCode(
          {
            code_hash: sha256(code),
            user_id: userId,
            challenge: pending!.challenge,
            id_token: idToken,
            expires_at: now + CODE_SECONDS * 1000,
          },
          now,
        ),
      )
      return back({ code })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      return back({ error: error.code, message: error.message })
    }
  }

  private async check(
    callbackUrl: URL,
    pending: Pending | null,
    address: string,
  ): Promise<{ userId: string; idToken: string }> {
    const given = callbackUrl.searchParams.get('state')
    if (!pending || !given || given !== pending.state || pending.expiresAt < this.wallClock().getTime())
      throw await this.refused(
        new ApiError(
          'UNAUTHORIZED',
          !given
            ? 'The sign-in answer carries no state; start signing in again'
            : 'This sign-in was not started in this browser, or it expired; start signing in again',
        ),
        { id: null, email: 'unknown' },
        address,
      )
    const failed = callbackUrl.searchParams.get('error')
    if (failed)
      throw await this.refused(
        new ApiError(
          'UNAUTHORIZED',
          `${this.settings.name} did not sign you in: ${callbackUrl.searchParams.get('error_description') ?? failed}`,
        ),
        { id: null, email: 'unknown' },
        address,
      )
    let claims
    try {
      claims = await this.party.claims(callbackUrl, pending)
    } catch (error) {
      if (error instanceof ApiError) throw error
      throw await this.refused(
        new ApiError('UNAUTHORIZED', `${this.settings.name}'s answer did not check out: ${whyRefused(error)}`),
        { id: null, email: 'unknown' },
        address,
      )
    }
    try {
      const user = await this.db.write((tx) => userForClaims(tx, this.settings, claims, this.wallClock()))
      return { userId: user.id, idToken: claims.idToken }
    } catch (error) {
      if (error instanceof SignInRefused) throw await this.refused(error, error.who, address)
      throw error
    }
  }

  /** Records a refusal in the audit (nothing else was written) and answers it. */
  private async refused(error: ApiError, who: { id: string | null; email: string }, address: string) {
    await this.db.write((tx) =>
      audit(tx, this.wallClock(), who, 'sign-in-refused', {
        reason: error.message,
        details: { via: 'sso', address },
      }),
    )
    return error
  }

  /**
   * POST /api/auth/oidc/token: a one-time code and the verifier of the challenge it was bound to,
   * for the app's own token. The code goes at the first try, right or wrong: it cannot be tried twice.
   */
  async exchange(rawBody: unknown, address: string): Promise<LoginResponse> {
    const { code, verifier } = parseBody(exchangeBody, rawBody)
    const row = await this.db.write((tx) => tx.takeSsoCode(sha256(code)))
    const refuse = (message: string) =>
      this.refused(new ApiError('UNAUTHORIZED', message), { id: row?.user_id ?? null, email: 'unknown' }, address)
    if (!row || row.expires_at < this.wallClock().getTime())
      throw await refuse('This sign-in code is unknown, used or expired; sign in again')
    if (sha256(verifier) !== row.challenge)
      throw await refuse('This sign-in code was not issued to this app (its PKCE verifier does not match)')
    try {
      const issued = await this.accounts.issueSso(row.user_id, address)
      const { jti, exp } = JSON.parse(Buffer.from(issued.token.split('.')[1]!, 'base64url').toString()) as TokenClaims
      await this.db.write((tx) =>
        tx.insertSsoSession(
          { jti: jti!, id_token: row.id_token, expires_at: exp },
          Math.floor(this.wallClock().getTime() / 1000),
        ),
      )
      return issued
    } catch (error) {
      if (error instanceof ApiError) throw await this.refused(error, { id: row.user_id, email: 'unknown' }, address)
      throw error
    }
  }

  /** Where the browser goes after this token signed out here, to end the provider's session too (or null). */
  async logoutUrl(jti: string | null, requestOrigin: string): Promise<string | null> {
    const idToken = jti ? await this.db.write((tx) => tx.takeSsoSession(jti)) : undefined
    // The app's own sign-out has happened; a provider out of reach only means its session stays.
    return this.party.logoutUrl(`${this.origin(requestOrigin)}/`, idToken).catch(() => null)
  }
}
