import type { User } from '../api/auth'
import { validationError } from '../api/bodies'
import { ApiError } from '../api/errors'

/**
 * Whose renewals a report covers: an admin sees the team (null) or one CSM; a CSM sees their
 * own, and naming anyone else is a 403.
 */
export function reportOwner(user: User, csmId: string | undefined): string | null {
  if (csmId === undefined || csmId === '') return user.role === 'admin' ? null : user.id
  if (user.role !== 'admin' && csmId !== user.id)
    throw new ApiError('FORBIDDEN', "A CSM's reports show their own accounts only", { csmId })
  return csmId
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

const realDay = (value: string) => DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

/** A period of days, both inclusive; `fallback` when neither is given. */
export function period(
  from: string | undefined,
  to: string | undefined,
  fallback: () => { from: string; to: string },
): { from: string; to: string } {
  if (from === undefined && to === undefined) return fallback()
  const fields: Record<string, string> = {}
  if (!from || !realDay(from)) fields.from = 'must be a date, YYYY-MM-DD'
  if (!to || !realDay(to)) fields.to = 'must be a date, YYYY-MM-DD'
  if (!Object.keys(fields).length && to! < from!) fields.to = 'must not be before from'
  if (!Object.keys(fields).length && Date.parse(to!) - Date.parse(from!) > 3 * 366 * 86_400_000)
    fields.to = 'must be at most three years after from'
  if (Object.keys(fields).length) throw validationError(fields)
  return { from: from!, to: to! }
}

/** The forecast's months: from YYYY-MM (this month by default), 1 to 36 of them (12 by default). */
export function monthRange(from: string | undefined, months: string | undefined, thisMonth: string) {
  const fields: Record<string, string> = {}
  const first = from === undefined || from === '' ? thisMonth : from
  if (!MONTH.test(first)) fields.from = 'must be a month, YYYY-MM'
  const count = months === undefined || months === '' ? 12 : Number(months)
  if (!Number.isInteger(count) || count < 1 || count > 36) fields.months = 'must be a whole number from 1 to 36'
  if (Object.keys(fields).length) throw validationError(fields)
  return { first, count }
}
