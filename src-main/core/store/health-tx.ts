/**
 * How either engine reads an account's health score: the team scorecard's (health_scores), or
 * while it has none yet, the imported one (what the default scorecard answers).
 */
export const HEALTH_SQL = {
  join: 'LEFT JOIN health_scores h ON h.customer_id = c.id',
  score: 'CASE WHEN h.customer_id IS NULL THEN c.health_score ELSE h.score END',
  /** Accounts with their score, as CustomerRow's scored_health and health_version. */
  customers: (where: string) =>
    `SELECT c.*, h.score AS scored_health, h.version AS health_version
     FROM customers c LEFT JOIN health_scores h ON h.customer_id = c.id WHERE ${where}`,
}

/** What a score reads of an account, and what it is now. */
export interface HealthInputRow {
  id: string
  name: string
  health_score: number | null
  health_day: string | null
  imported_health: number | null
  sentiment: string | null
  data_json: string
}

export interface ScorecardRow {
  version: number
  body_json: string
  saved_at: string
  saved_by: string
}

/** Health scores: the scorecard's versions, each account's inputs and its score by day. */
export interface HealthTx {
  /** Every saved scorecard, newest first. */
  scorecards(): Promise<ScorecardRow[]>
  insertScorecard(row: ScorecardRow): Promise<void>
  /** Accounts in id order after `afterId` (all, or these ids), at most `limit`. */
  healthInputs(ids: readonly string[] | null, afterId: string, limit: number): Promise<HealthInputRow[]>
  /**
   * Keeps scores computed with a scorecard version on a day; `history` rows (a new score, or the
   * first) go into the account's score by day.
   */
  saveHealth(
    rows: readonly { id: string; score: number | null; history: boolean }[],
    version: number,
    day: string,
  ): Promise<void>
  /** An account's scores from the last one on or before `since`, oldest first. */
  healthHistory(customerId: string, since: string): Promise<{ day: string; score: number | null }[]>
  /** Whether any account's score is older than this version or this day. */
  healthStale(version: number, day: string): Promise<boolean>
}
