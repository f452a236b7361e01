import type { PriorityFactors } from '../../src-main/core/api/types'

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
})
const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

export const formatMoney = (n: number) => money.format(n)
export const formatCompactMoney = (n: number) => compactMoney.format(n)
export const formatDate = (iso: string) => day.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso))
export const formatPercent = (ratio: number) => `${Math.round(ratio * 100)}%`

export function formatDays(days: number): string {
  if (days === 0) return 'today'
  if (days < 0) return `${-days}d overdue`
  return `${days}d`
}

/** A stored value as a person reads it: `above_average` -> "Above average", `invest` -> "Invest". */
export function readable(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A workflow's status as words: in_progress -> In progress. */
export function formatStatus(status: string): string {
  return readable(status)
}

/** Why a workflow ranks where it does, in words a CSM reads at a glance. */
export function explainPriority(f: PriorityFactors): string[] {
  return [
    `Urgency ${f.urgencyScore} from the renewal stage`,
    `×${f.arrMultiplier} for ARR`,
    `×${f.accountPlanMultiplier} for the account plan`,
    `×${f.experienceMultiplier} for your experience`,
    f.workloadPenalty
      ? `−${f.workloadPenalty} for ${f.otherActiveWorkflows} other active workflows`
      : 'no other active workflows',
  ]
}

const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' })
export const formatTime = (iso: string) => time.format(new Date(iso))

/** The day `days` after `day` (YYYY-MM-DD), in UTC like the host's business days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10)
}
