import { checkIssuer } from '../core/sso/relying-party'
import type { OidcSettings, PasswordSignIn } from '../core/sso/types'

/** The parseArgs options of single sign-on on a team server. */
export const SSO_FLAGS = {
  'oidc-issuer': { type: 'string' },
  'oidc-client-id': { type: 'string' },
  'oidc-name': { type: 'string' },
  'oidc-allowed-domains': { type: 'string' },
  'oidc-admin-group': { type: 'string' },
  'oidc-groups-claim': { type: 'string', default: 'groups' },
  'oidc-scopes': { type: 'string', default: 'openid email profile' },
  'public-url': { type: 'string' },
  'password-sign-in': { type: 'string', default: 'all' },
} as const

type Values = Partial<Record<keyof typeof SSO_FLAGS, string>>

/**
 * Single sign-on from the flags, and its client secret from CSMDESK_OIDC_CLIENT_SECRET alone: a
 * secret on a command line is in `ps` and in shell history. Anything half-given is an error.
 */
export function ssoOptions(
  values: Values,
  env: Record<string, string | undefined> = process.env,
): { oidc?: OidcSettings; passwordSignIn: PasswordSignIn } {
  const password = values['password-sign-in'] ?? 'all'
  if (password !== 'all' && password !== 'admins' && password !== 'off')
    throw new Error(`--password-sign-in must be all, admins or off, not ${password}`)
  const issuer = values['oidc-issuer']
  const clientId = values['oidc-client-id']
  const secret = env.CSMDESK_OIDC_CLIENT_SECRET
  if (!issuer && !clientId) {
    if (password !== 'all')
      throw new Error(`--password-sign-in ${password} needs single sign-on (--oidc-issuer and --oidc-client-id)`)
    return { passwordSignIn: 'all' }
  }
  if (!issuer || !clientId || !secret)
    throw new Error('Single sign-on needs --oidc-issuer, --oidc-client-id and CSMDESK_OIDC_CLIENT_SECRET, all three')
  checkIssuer(issuer)
  const publicUrl = values['public-url']?.replace(/\/$/, '')
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+$/.test(publicUrl))
    throw new Error(
      `--public-url is this server's origin as its users reach it (https://desk.company.com), not ${publicUrl}`,
    )
  const domains = (values['oidc-allowed-domains'] ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean)
  for (const domain of domains)
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
      throw new Error(`--oidc-allowed-domains takes domains like company.com, not ${domain}`)
  return {
    passwordSignIn: password,
    oidc: {
      issuer,
      clientId,
      clientSecret: secret,
      name: values['oidc-name']?.trim() || 'Single sign-on',
      allowedDomains: domains,
      adminGroup: values['oidc-admin-group']?.trim() || undefined,
      groupsClaim: values['oidc-groups-claim'] ?? 'groups',
      scopes: values['oidc-scopes'] ?? 'openid email profile',
      ...(publicUrl && { publicUrl }),
    },
  }
}
