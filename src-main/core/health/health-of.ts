import type { CustomerRow } from '../store/rows'

/** An account's health as the app shows it: its score on the team's scorecard, or the imported one until it is scored. */
export function healthOf(customer: CustomerRow): number | null {
  return customer.health_version === null || customer.health_version === undefined
    ? customer.health_score
    : (customer.scored_health ?? null)
}
