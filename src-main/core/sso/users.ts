import { randomUUID } from 'node:crypto'
import { ApiError } from '../api/errors'
import type { Tx } from '../store/db'
import type { UserRow } from '../store/rows'
import { audit } from '../team/audit'
import type { ProviderClaims } from './relying-party'
import type { OidcSettings } from './types'

/** A refusal a user or an admin can act on; recorded in the audit, then answered. */
export class SignInRefused extends ApiError {
  constructor(
    message: string,
    readonly who: { id: string | null; email: string },
  ) {
    super('FORBIDDEN', message)
  }
}

function nameFrom(claims: ProviderClaims, email: string): string {
  return (claims.name ?? email.split('@')[0]!).slice(0, 200)
}

/**
 * The user the provider vouched for: matched by its subject; at a first sign-in, linked to the
 * user with that verified email, or created (a CSM, mid experience) when the email's domain is
 * one the team allows. With an admin group, the provider's groups decide the role each time.
 */
export async function userForClaims(
  tx: Tx,
  settings: OidcSettings,
  claims: ProviderClaims,
  at: Date,
): Promise<UserRow> {
  const email = claims.email?.trim()
  const who = { id: null, email: email ?? `${claims.sub} at ${settings.name}` }
  const linkedId = await tx.ssoUser(claims.issuer, claims.sub)
  let user = linkedId ? await tx.csm(linkedId) : undefined
  if (!user) {
    if (!email || !claims.emailVerified)
      throw new SignInRefused(
        `${settings.name} has not verified your email address${email ? ` (${email})` : ''}; verify it there, then sign in again`,
        who,
      )
    user = (await tx.userByEmail(email)) ?? (await created(tx, settings, claims, email, at))
    const linkedTo = await tx.ssoSubjectOf(user.id, claims.issuer)
    if (linkedTo !== undefined && linkedTo !== claims.sub)
      throw new SignInRefused(
        `${email} is already linked to another ${settings.name} identity; an admin must sort out which one is yours`,
        { id: user.id, email },
      )
    if (linkedTo === undefined)
      await tx.linkSsoIdentity({
        issuer: claims.issuer,
        subject: claims.sub,
        user_id: user.id,
        linked_at: at.toISOString(),
      })
  }
  if (!user.active)
    throw new SignInRefused('This account is deactivated; ask your admin', { id: user.id, email: user.email })
  return settings.adminGroup ? roleFromGroups(tx, settings.adminGroup, claims.groups, user, at) : user
}

async function created(tx: Tx, settings: OidcSettings, claims: ProviderClaims, email: string, at: Date) {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  if (!settings.allowedDomains.includes(domain))
    throw new SignInRefused(
      `${email} is not a user of this team, and ${domain} is not a domain whose users join at their first sign-in. ` +
        `An admin can add you on the Users screen, or allow ${domain} with --oidc-allowed-domains.`,
      { id: null, email },
    )
  const admin = !!settings.adminGroup && claims.groups.includes(settings.adminGroup)
  const row: UserRow = {
    id: `user-${randomUUID()}`,
    name: nameFrom(claims, email),
    email,
    role: admin ? 'admin' : 'csm',
    experience: 'mid',
    active: 1,
  }
  await tx.insertUser(row)
  await audit(tx, at, { id: row.id, email }, 'user-added', {
    subject: row.id,
    details: { email, role: row.role, via: 'sso' },
  })
  return row
}

async function roleFromGroups(tx: Tx, group: string, groups: string[], user: UserRow, at: Date): Promise<UserRow> {
  const role = groups.includes(group) ? 'admin' : 'csm'
  if (role === user.role) return user
  const after = { ...user, role } as UserRow
  await tx.updateUser(after)
  await audit(tx, at, { id: user.id, email: user.email }, 'user-changed', {
    subject: user.id,
    details: { role: { from: user.role, to: role }, via: 'sso', group },
  })
  return after
}
