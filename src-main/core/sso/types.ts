/** Who may sign in with a password (--password-sign-in). */
export type PasswordSignIn = 'all' | 'admins' | 'off'

/** A team server's OpenID Connect relying party, as its flags set it. */
export interface OidcSettings {
  /** The provider's issuer URL: https, or http on this computer only. */
  issuer: string
  clientId: string
  /** From CSMDESK_OIDC_CLIENT_SECRET, never the command line. */
  clientSecret: string
  /** The provider's name on the sign-in button ("Okta"). */
  name: string
  /** Email domains whose users are created at their first sign-in; others must be added by an admin. */
  allowedDomains: string[]
  /** Membership of this group makes a user an admin; losing it makes them a CSM at their next sign-in. */
  adminGroup?: string
  /** The claim that lists a user's groups ("groups"). */
  groupsClaim: string
  /** What is asked of the provider: "openid email profile", plus a groups scope where one is needed. */
  scopes: string
  /** This server as its users reach it (behind a proxy); otherwise the address each request came to. */
  publicUrl?: string
}

/** GET /api/auth/methods: what the sign-in screen may offer. */
export interface SignInMethods {
  success: true
  password: PasswordSignIn
  sso: { name: string; start: string } | null
}

/** POST /api/auth/oidc/token: a one-time code and the PKCE verifier of the app that asked for it. */
export interface CodeExchange {
  code: string
  verifier: string
}
