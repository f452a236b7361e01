import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose'
import Provider, { type Configuration } from 'oidc-provider'

/** A user at the test provider: what its claims say, changed by a test as an IT admin would. */
export interface ProviderUser {
  email?: string
  email_verified?: boolean
  /** Entra ID's "email domain owner verified", in place of email_verified. */
  xms_edov?: boolean
  name?: string
  groups?: string[]
}

export const CLIENT_ID = 'csm-desk'
export const CLIENT_SECRET = 'the-test-client-secret-of-csm-desk'

/** How a test's attacker changes the ID token on its way to the team server. */
export type Tamper = (payload: JWTPayload, provider: TestProvider) => Promise<string>

/**
 * panva's oidc-provider, in this process on a loopback port, with one client (the team server)
 * and users a test sets. Its own login page (dev interactions) signs in whoever's id is typed.
 * Nothing of OpenID Connect is mocked; `tamper` plays an attacker on the wire to the token endpoint.
 */
export class TestProvider {
  readonly users = new Map<string, ProviderUser>()
  tamper: Tamper | null = null
  private provider: Provider | null = null
  private signingKey!: CryptoKey

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** Listens first (the issuer names its port); `configure` then says where the team server listens. */
  static async listen(): Promise<TestProvider> {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end()
    const server = createServer((req, res) => handler(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const idp = new TestProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    idp.handle = (h) => (handler = h)
    return idp
  }

  private handle!: (handler: (req: IncomingMessage, res: ServerResponse) => void) => void

  /** The team server's callback and sign-out return addresses, as its client registration has them. */
  async configure(teamServerOrigins: string[]): Promise<this> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    this.signingKey = privateKey
    const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
    const configuration: Configuration = {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: teamServerOrigins.map((o) => `${o}/api/auth/oidc/callback`),
          post_logout_redirect_uris: teamServerOrigins.map((o) => `${o}/`),
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified', 'xms_edov'],
        profile: ['name'],
        groups: ['groups'],
      },
      scopes: ['openid', 'email', 'profile', 'groups'],
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      findAccount: (_ctx, id) => {
        const user = this.users.get(id)
        return user && { accountId: id, claims: () => ({ sub: id, ...user }) }
      },
      // The team's own app: the provider asks for no consent (as an IT admin sets it up).
      loadExistingGrant: async (ctx) => {
        const { accountId } = ctx.oidc.session!
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: accountId! })
        grant.addOIDCScope('openid email profile groups')
        grant.addOIDCClaims(['email', 'email_verified', 'xms_edov', 'name', 'groups'])
        await grant.save()
        return grant
      },
    }
    this.provider = new Provider(this.issuer, configuration)
    this.handle(this.provider.callback())
    return this
  }

  /** The team server's network to the provider: what `tamper` says replaces the ID token. */
  readonly fetch = async (url: string, options: RequestInit & { body?: unknown }): Promise<Response> => {
    const response = await fetch(url, options as RequestInit)
    if (!this.tamper || !url.endsWith('/token') || !response.ok) return response
    const body = (await response.json()) as { id_token?: string }
    if (body.id_token) body.id_token = await this.tamper(decodeJwt(body.id_token), this)
    return Response.json(body, { status: response.status, headers: { 'cache-control': 'no-store' } })
  }

  /** An ID token signed with the provider's own key (`kid` and all), or with a key it never published. */
  sign(payload: JWTPayload, key: 'provider' | CryptoKey = 'provider'): Promise<string> {
    const kid = key === 'provider' ? 'test-key' : 'a-key-nobody-published'
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(key === 'provider' ? this.signingKey : key)
  }

  unsigned(payload: JWTPayload): string {
    return new UnsecuredJWT(payload).encode()
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }
}

/** A PKCE pair, as a desk or a browser tab makes it. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** A person at the provider's login page, in a browser of their own (its cookies). */
export class ProviderBrowser {
  private readonly jar = new Map<string, string>()

  private async get(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair!.indexOf('=')
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return response
  }

  /**
   * Follows the authorization request, types `login` on the provider's page, and answers the URL
   * the provider sends the browser back to (the team server's callback, not yet visited).
   */
  async signIn(authorizationUrl: string, login: string, back: string): Promise<string> {
    let url = authorizationUrl
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(back)) return url
      const response = await this.get(url)
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url).href
        continue
      }
      const page = await response.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      if (!action) throw new Error(`The provider's page has no form (${response.status}): ${page.slice(0, 300)}`)
      const form = new URLSearchParams({ prompt: 'login', login, password: 'any' })
      const posted = await this.get(new URL(action.replace(/&amp;/g, '&'), url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      })
      url = new URL(posted.headers.get('location')!, url).href
    }
    throw new Error('The provider never sent the browser back')
  }
}
