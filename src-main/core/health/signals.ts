import type { HealthSource } from './types'

/** What a score reads of an account: its imported health and sentiment, and its data (the context's `data`). */
export interface HealthInputs {
  importedHealth: number | null
  sentiment: string | null
  data: Record<string, unknown>
}

const DAY = 86_400_000

const object = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** Whole days from a date (YYYY-MM-DD) to today; a date in the future is 0 days. */
function daysSince(value: unknown, today: string): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null
  const then = Date.parse(`${value.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(then)) return null
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - then) / DAY))
}

/**
 * A measure's raw signal, as docs/decisions/0017-health-scores.md defines each: a number, a word
 * (sentiment), a yes/no (QBR completed), or null when the account has no data for it.
 */
export function signal(source: HealthSource, inputs: HealthInputs, today: string): number | string | boolean | null {
  const usage = object(inputs.data.usage)
  const engagement = object(inputs.data.engagement)
  const financials = object(inputs.data.financials)
  switch (source) {
    case 'usage.utilizationRate': {
      const rate = number(usage?.utilizationRate)
      if (rate !== null) return rate
      const active = number(usage?.activeUsers)
      const licensed = number(usage?.licensedUsers)
      return active !== null && licensed ? active / licensed : null
    }
    case 'usage.changePercent':
      return number(usage?.changePercent)
    case 'usage.daysSinceLastActivity':
      return daysSince(usage?.lastActivity, today)
    case 'usage.featureAdoption': {
      const rates = Object.values(object(usage?.featureAdoption) ?? {})
        .map(number)
        .filter((n): n is number => n !== null)
      return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null
    }
    case 'engagement.daysSinceLastMeeting':
      return daysSince(engagement?.lastMeeting, today)
    case 'engagement.openTickets':
      return number(object(engagement?.supportTickets)?.open)
    case 'engagement.qbrCompleted': {
      const completed = object(engagement?.qbrStatus)?.completed
      return typeof completed === 'boolean' ? completed : null
    }
    case 'financials.maxDaysLate': {
      const late = (Array.isArray(financials?.paymentHistory) ? financials.paymentHistory : [])
        .map((p) => number(object(p)?.daysLate))
        .filter((n): n is number => n !== null)
      return late.length ? Math.max(...late) : null
    }
    case 'financials.outstandingInvoices':
      return Array.isArray(financials?.outstandingInvoices) ? financials.outstandingInvoices.length : null
    case 'intelligence.sentiment':
      return inputs.sentiment?.trim() ? inputs.sentiment.trim().toLowerCase() : null
    case 'intelligence.importedHealth':
      return inputs.importedHealth
  }
}
