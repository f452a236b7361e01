import type { User, VerifiedToken } from './auth'

/** What every route of the API may read: the signed-in user, and the token they came with. */
export type ApiEnv = { Variables: { user: User; token: VerifiedToken } }
