import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { User } from '../api/auth'
import { validationError } from '../api/bodies'
import { isEmail } from '../api/email'
import { ApiError } from '../api/errors'
import { hashPassword, temporaryPassword, tokensEndAt } from '../auth/passwords'
import type { Tx } from '../store/db'
import type { UserRow } from '../store/rows'
import { audit } from './audit'
import type { TeamUser } from './types'
import { reassign, receivingCsm } from './reassign'

const EXPERIENCE = ['junior', 'mid', 'senior', 'expert'] as const
const ROLES = ['csm', 'admin'] as const

export const newUserBody = z.strictObject({
  email: z.string().trim().refine(isEmail, 'must be an email address'),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  experience: z.enum(EXPERIENCE).default('mid'),
})
export const changeUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  experience: z.enum(EXPERIENCE).optional(),
})
export const deactivateBody = z.strictObject({
  reassignTo: z.string().min(1).max(200).optional(),
  reason: z.string().trim().max(1000).optional(),
})

export type { TeamUser }

function toTeamUser(row: UserRow, open: number): TeamUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    experience: row.experience,
    active: row.active === 1,
    openWorkflows: open,
  }
}

async function openCounts(tx: Tx): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const w of await tx.teamWorkflows()) counts.set(w.assigned_to, (counts.get(w.assigned_to) ?? 0) + 1)
  return counts
}

export async function listUsers(tx: Tx): Promise<{ success: true; users: TeamUser[] }> {
  const open = await openCounts(tx)
  return { success: true, users: (await tx.users()).map((u) => toTeamUser(u, open.get(u.id) ?? 0)) }
}

/** A new user with a temporary password, shown this once. */
export async function newTemporaryPassword(): Promise<{ text: string; hash: string }> {
  const text = temporaryPassword()
  return { text, hash: await hashPassword(text) }
}

/** A new user with a temporary password, shown this once; they sign in with it and change it. */
export async function addUser(
  tx: Tx,
  actor: User,
  at: Date,
  body: z.infer<typeof newUserBody>,
  /** Made before the transaction: scrypt takes a moment on purpose. */
  password: { text: string; hash: string },
): Promise<{ success: true; user: TeamUser; temporaryPassword: string }> {
  if (await tx.userByEmail(body.email)) throw validationError({ email: `is already a user of this team` })
  const row: UserRow = { id: `user-${randomUUID()}`, active: 1, ...body }
  await tx.insertUser(row)
  await tx.setCredential({ user_id: row.id, password_hash: password.hash, tokens_valid_after: 0, must_change: 1 })
  await audit(tx, at, actor, 'user-added', { subject: row.id, details: { email: row.email, role: row.role } })
  return { success: true, user: toTeamUser(row, 0), temporaryPassword: password.text }
}

async function existing(tx: Tx, id: string): Promise<UserRow> {
  const user = await tx.csm(id)
  if (!user) throw new ApiError('NOT_FOUND', `User with ID ${id} not found`, { userId: id })
  return user
}

export async function changeUser(
  tx: Tx,
  actor: User,
  at: Date,
  id: string,
  body: z.infer<typeof changeUserBody>,
): Promise<{ success: true; user: TeamUser }> {
  const before = await existing(tx, id)
  if (id === actor.id && body.role && body.role !== before.role)
    throw validationError({ role: 'cannot be changed on your own account; ask another admin' })
  const after: UserRow = { ...before, ...body }
  await tx.updateUser(after)
  const changed = Object.fromEntries(
    (['name', 'role', 'experience'] as const)
      .filter((key) => before[key] !== after[key])
      .map((key) => [key, { from: before[key], to: after[key] }]),
  )
  await audit(tx, at, actor, 'user-changed', { subject: id, details: changed })
  return { success: true, user: toTeamUser(after, (await openCounts(tx)).get(id) ?? 0) }
}

/** Deactivates a user: their tokens stop at once. Open work must go to someone first (reassignTo). */
export async function deactivateUser(
  tx: Tx,
  actor: User,
  at: Date,
  id: string,
  body: z.infer<typeof deactivateBody>,
): Promise<{ success: true; user: TeamUser; reassigned: number }> {
  const user = await existing(tx, id)
  if (id === actor.id) throw validationError({ userId: 'is you: another admin must deactivate your account' })
  const open = await tx.activeWorkflowIds(id)
  if (body.reassignTo) await receivingCsm(tx, body.reassignTo, 'reassignTo')
  let reassigned = 0
  if (open.length) {
    if (!body.reassignTo)
      throw new ApiError(
        'USER_HAS_OPEN_WORK',
        `${user.name} has ${open.length} open workflow${open.length === 1 ? '' : 's'}; say who takes them over (reassignTo)`,
        { userId: id, openWorkflows: open.length },
      )
    const reason = body.reason || `${user.name} was deactivated`
    reassigned = (await reassign(tx, actor, at, { workflowIds: open, toCsmId: body.reassignTo, reason })).reassigned
  }
  // Their accounts and open tasks go with their work, so someone who is there follows them up.
  if (body.reassignTo) {
    await tx.transferAccounts(id, body.reassignTo)
    await tx.moveOpenTasks(id, body.reassignTo)
  }
  await tx.updateUser({ ...user, active: 0 })
  // Their tokens end for good: a reactivation lets them sign in again, not reuse an old token.
  const credential = await tx.credential(id)
  if (credential)
    await tx.setCredential({ ...credential, tokens_valid_after: tokensEndAt(at, credential.tokens_valid_after) })
  await audit(tx, at, actor, 'user-deactivated', {
    subject: id,
    reason: body.reason ?? null,
    details: { reassignTo: body.reassignTo ?? null, reassigned },
  })
  return { success: true, user: toTeamUser({ ...user, active: 0 }, 0), reassigned }
}

/** Lets a deactivated user sign in again; their old tokens stay ended (they sign in anew). */
export async function activateUser(
  tx: Tx,
  actor: User,
  at: Date,
  id: string,
): Promise<{ success: true; user: TeamUser }> {
  const user = await existing(tx, id)
  if (!user.active) {
    await tx.updateUser({ ...user, active: 1 })
    await audit(tx, at, actor, 'user-activated', { subject: id, details: { active: { from: false, to: true } } })
  }
  return { success: true, user: toTeamUser({ ...user, active: 1 }, 0) }
}

/**
 * An admin gives a user a new temporary password, shown this once: every token of theirs ends,
 * and their next sign-in must choose their own.
 */
export async function resetPassword(
  tx: Tx,
  actor: User,
  at: Date,
  id: string,
  /** Made before the transaction: scrypt takes a moment on purpose. */
  password: { text: string; hash: string },
): Promise<{ success: true; user: TeamUser; temporaryPassword: string }> {
  const user = await existing(tx, id)
  if (id === actor.id) throw validationError({ userId: 'is you: change your own password in Settings' })
  await tx.setCredential({
    user_id: id,
    password_hash: password.hash,
    tokens_valid_after: tokensEndAt(at, (await tx.credential(id))?.tokens_valid_after),
    must_change: 1,
  })
  await audit(tx, at, actor, 'password-reset', { subject: id, details: { email: user.email } })
  return {
    success: true,
    user: toTeamUser(user, (await openCounts(tx)).get(id) ?? 0),
    temporaryPassword: password.text,
  }
}
