import type { HealthExplanation } from './api/workflow-service'

const TREND_DAYS = 30

/** "Down 12 in 30 days": today's score against the one in force 30 days ago (or the oldest kept). */
export function trendOf(history: HealthExplanation['history'], today: string): string | null {
  const now = history.at(-1)?.score
  if (now === undefined || now === null || history.length < 2) return null
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - TREND_DAYS * 86_400_000).toISOString().slice(0, 10)
  const then = [...history].reverse().find((h) => h.date <= since) ?? history[0]!
  if (then.score === null) return null
  const days = Math.min(TREND_DAYS, Math.round((Date.parse(today) - Date.parse(then.date)) / 86_400_000))
  const change = now - then.score
  if (change === 0) return `Steady over ${days} days`
  return `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change)} in ${days} days`
}
