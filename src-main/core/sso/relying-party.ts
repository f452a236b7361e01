import * as oidc from 'openid-client'
import { ApiError } from '../api/errors'
import { isLoopback } from '../loopback'
import type { OidcSettings } from './types'

/** What a provider said about the user, from its ID token and (for what that leaves out) its userinfo. */
export interface ProviderClaims {
  issuer: string
  sub: string
  email?: string
  emailVerified: boolean
  name?: string
  groups: string[]
  /** The ID token as it came, for the provider's sign-out (id_token_hint). */
  idToken: string
}

export interface RelyingPartyOptions {
  /** The network, as the tests see it: a forged answer goes through here. */
  fetch?: oidc.CustomFetch
  /** How long a request to the provider may take (10 s). */
  timeoutSeconds?: number
}

/** An issuer URL the server may trust: https, or http on this computer (as for sync). */
export function checkIssuer(issuer: string): URL {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    throw new Error(`--oidc-issuer ${issuer} is not a URL`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname)))
    throw new Error(`--oidc-issuer must be https:// (http:// only on this computer), not ${issuer}`)
  return url
}

/**
 * The team server as an OpenID Connect relying party: discovery, the authorization request
 * (code, PKCE S256, state and nonce) and the checks on the provider's answer are openid-client's,
 * a certified implementation; this class only says which and keeps the provider's metadata.
 */
export class RelyingParty {
  private configuration: Promise<oidc.Configuration> | null = null

  constructor(
    private readonly settings: OidcSettings,
    private readonly options: RelyingPartyOptions = {},
  ) {
    checkIssuer(settings.issuer)
  }

  /** The provider's metadata, fetched once; a failed discovery is tried again at the next sign-in. */
  private config(): Promise<oidc.Configuration> {
    const url = checkIssuer(this.settings.issuer)
    this.configuration ??= oidc
      .discovery(url, this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
        timeout: this.options.timeoutSeconds ?? 10,
        ...(url.protocol === 'http:' && { execute: [oidc.allowInsecureRequests] }),
        ...(this.options.fetch && { [oidc.customFetch]: this.options.fetch }),
      })
      .then((config) => {
        // The ID token's signature is checked against the provider's published keys, not just
        // trusted for arriving over TLS: a token signed with "none" or an unknown key is refused.
        oidc.enableNonRepudiationChecks(config)
        return config
      })
      .catch((error: unknown) => {
        this.configuration = null
        throw new ApiError(
          'SERVER_UNREACHABLE',
          `${this.settings.name} (the sign-in provider) could not be reached: ${(error as Error).message}`,
        )
      })
    return this.configuration
  }

  async authorizationUrl(redirectUri: string, checks: { state: string; nonce: string; verifier: string }) {
    const config = await this.config()
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
    }).href
  }

  /**
   * The provider's answer at the callback, checked: state, the code traded with the PKCE verifier,
   * and the ID token's signature (from the provider's keys), issuer, audience, expiry and nonce.
   */
  async claims(callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<ProviderClaims> {
    const config = await this.config()
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
    const id = tokens.claims()!
    let claims: Record<string, unknown> = { ...id }
    // Many providers keep email and groups for userinfo; its subject must be the ID token's.
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub)
      claims = { ...info, ...id }
    }
    const groups = claims[this.settings.groupsClaim]
    return {
      issuer: config.serverMetadata().issuer,
      sub: id.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      // Entra ID never sends email_verified for work accounts; its xms_edov (the email's domain is
      // the tenant's own, verified) stands in for it when the provider says nothing else.
      emailVerified:
        claims.email_verified === true || (claims.email_verified === undefined && claims.xms_edov === true),
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : undefined,
      idToken: tokens.id_token!,
      groups: Array.isArray(groups)
        ? groups.filter((g) => typeof g === 'string')
        : typeof groups === 'string'
          ? [groups]
          : [],
    }
  }

  /** Where the browser goes to end the provider's session too, when it supports RP-initiated logout. */
  async logoutUrl(afterLogout: string, idToken?: string): Promise<string | null> {
    const config = await this.config()
    if (!config.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(config, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: afterLogout,
      ...(idToken && { id_token_hint: idToken }),
    }).href
  }
}
