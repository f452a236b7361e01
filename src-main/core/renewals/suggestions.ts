import type { ForecastCategory } from './types'

/**
 * The category a step's decision suggests (docs/decisions/0014-renewal-forecast.md). Only
 * values that mean the same in every renewal playbook are here; "scheduled" or "healthy" say
 * nothing about the renewal's outcome, so they suggest nothing.
 */
const SUGGESTED = new Map<string, ForecastCategory>(
  Object.entries({
    signed: 'commit',
    booked: 'commit',
    committed: 'commit',
    agreed: 'commit',
    accepted: 'likely',
    'at-risk': 'at-risk',
    critical: 'at-risk',
    'churn-risk': 'at-risk',
    'contraction-risk': 'at-risk',
    rejected: 'at-risk',
    declined: 'at-risk',
    stalled: 'at-risk',
    lost: 'lost',
  } as const),
)

export function suggestedCategory(decision: unknown): ForecastCategory | null {
  return typeof decision === 'string' ? (SUGGESTED.get(decision) ?? null) : null
}
