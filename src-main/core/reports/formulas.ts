/** The reports' arithmetic, kept apart so each formula is tested on its own. */

const round = (value: number, places: number) => {
  const f = 10 ** places
  return Math.round(value * f) / f
}

export interface RetentionInput {
  /** ARR before of the renewals that closed. */
  start: number
  /** ARR before of those that churned. */
  churn: number
  contraction: number
  expansion: number
}

/** Gross and net revenue retention, to 4 decimals; null when nothing closed (start 0). */
export function retention({ start, churn, contraction, expansion }: RetentionInput): {
  grr: number | null
  nrr: number | null
} {
  if (start === 0) return { grr: null, nrr: null }
  return {
    grr: round((start - churn - contraction) / start, 4),
    nrr: round((start - churn - contraction + expansion) / start, 4),
  }
}

/** matched / closed, to 4 decimals; null when nothing closed. */
export function share(matched: number, closed: number): number | null {
  return closed === 0 ? null : round(matched / closed, 4)
}

/** The median (the mean of the two middle values for an even count); 0 for none. */
export function median(sorted: readonly number[]): number {
  const n = sorted.length
  if (!n) return 0
  const mid = Math.floor(n / 2)
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The nearest-rank percentile (p in 0..100) of sorted values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Seconds as minutes with one decimal. */
export const minutes = (seconds: number) => round(seconds / 60, 1)

/** The months from YYYY-MM, `count` of them, as YYYY-MM. */
export function monthsFrom(first: string, count: number): string[] {
  const [year, month] = first.split('-').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 + i, 1))
    return d.toISOString().slice(0, 7)
  })
}

/** The quarter (UTC) a day falls in, and the one before it, as inclusive first and last days. */
export function quarterOf(day: string, before = 0): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(year, Math.floor((month - 1) / 3) * 3 - 3 * before, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 3, 0))
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) }
}
