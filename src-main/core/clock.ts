/**
 * The business clock: what "now" and "today" mean for stages, days until renewal,
 * completedToday and recorded timestamps. Token expiry never uses it (see api/auth.ts).
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(iso: string): Clock {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) throw new Error(`Not an ISO time: ${iso}`)
  return { now: () => new Date(time) }
}

/** CSMDESK_NOW=<ISO time> fixes the business clock for the whole process. */
export function clockFromEnv(env: Record<string, string | undefined> = process.env): Clock {
  const fixed = env.CSMDESK_NOW
  return fixed ? fixedClock(fixed) : systemClock
}

const DAY_MS = 86_400_000

/** The UTC calendar day of a time, as YYYY-MM-DD. */
export function isoDay(time: Date): string {
  return time.toISOString().slice(0, 10)
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when `date` is past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS)
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(day) + days * DAY_MS))
}
