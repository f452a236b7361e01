import type { User } from '../api/auth'
import { addDays, isoDay, type Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import type { HealthInputRow } from '../store/health-tx'
import { ownedAccount } from '../renewals/forecasts'
import { audit } from '../team/audit'
import { scoreAccount, bandOf } from './score'
import { DEFAULT_SCORECARD, parseScorecard } from './scorecard'
import type { HealthBand, HealthExplanation, HealthScore, Scorecard, ScorecardPreview } from './types'

/** Accounts read, scored and written together: a bounded slice of a large book at a time. */
const CHUNK = 5_000
const MOVERS = 50
const HISTORY_DAYS = 90

const inputsOf = (row: Pick<HealthInputRow, 'imported_health' | 'sentiment' | 'data_json'>) => ({
  importedHealth: row.imported_health,
  sentiment: row.sentiment,
  data: JSON.parse(row.data_json) as Record<string, unknown>,
})

/** The scorecard in force: the latest saved, or the default (the imported score alone). */
export async function currentScorecard(tx: Tx): Promise<Scorecard> {
  const [latest] = await tx.scorecards()
  return latest
    ? { ...(JSON.parse(latest.body_json) as Omit<Scorecard, 'version'>), version: latest.version }
    : DEFAULT_SCORECARD
}

/** Scores rows read from the book: a history row where the score moved (or is the first). */
function scoreAll(scorecard: Scorecard, rows: readonly HealthInputRow[], today: string) {
  return rows.map((row) => {
    const { score } = scoreAccount(scorecard, inputsOf(row), today)
    return { id: row.id, score, history: row.health_day === null || score !== row.health_score }
  })
}

/**
 * Scores accounts (these ids, or all) on the scorecard in force, in the caller's transaction: an import
 * or a pull scores what it wrote before anyone reads it.
 */
export async function rescore(tx: Tx, today: string, ids: readonly string[] | null): Promise<void> {
  if (ids?.length === 0) return
  const scorecard = await currentScorecard(tx)
  for (let after = ''; ;) {
    const rows = await tx.healthInputs(ids, after, CHUNK)
    if (!rows.length) return
    await tx.saveHealth(scoreAll(scorecard, rows, today), scorecard.version, today)
    after = rows[rows.length - 1]!.id
  }
}

/**
 * A desk keeps the team's scorecard as the server sent it (through the pull) and rescores its
 * book with it, so it scores offline as the server does. Answers whether it was new.
 */
export async function adoptScorecard(tx: Tx, scorecard: Scorecard, today: string): Promise<boolean> {
  const known = await tx.scorecards()
  if (known.some((row) => row.version === scorecard.version) || scorecard.version <= 1) return false
  const { version, ...body } = scorecard
  await tx.insertScorecard({
    version,
    body_json: JSON.stringify(body),
    saved_at: new Date().toISOString(),
    saved_by: 'team server',
  })
  await rescore(tx, today, null)
  return true
}

const emptyCounts = (): Record<HealthBand, number> => ({ red: 0, yellow: 0, green: 0, none: 0 })

/** Health scores as a team defines them: the scorecard, its versions, previews, and each account's why. */
export class Health {
  private running: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly wallClock: () => Date,
    private readonly logError: (error: unknown) => void = console.error,
  ) {}

  private today(): string {
    return isoDay(this.clock.now())
  }

  /**
   * The whole book, a chunk per transaction, so a large book never holds one long write. The next
   * chunk is read and scored while the database writes this one (on PostgreSQL, another process).
   */
  async rescoreBook(): Promise<void> {
    const today = this.today()
    const scorecard = await this.db.read(currentScorecard)
    const read = (after: string) => this.db.read((tx) => tx.healthInputs(null, after, CHUNK))
    let rows = await read('')
    let scored = scoreAll(scorecard, rows, today)
    while (rows.length) {
      const chunk = scored
      const writing = this.db.write((tx) => tx.saveHealth(chunk, scorecard.version, today))
      writing.catch(() => undefined) // awaited below; a failed read meanwhile must not leave it unhandled
      rows = await read(rows[rows.length - 1]!.id)
      scored = scoreAll(scorecard, rows, today)
      await writing
    }
  }

  /** Runs after whatever rescoring is under way: one at a time, and settled() waits for all. */
  private queue(work: () => Promise<unknown>): Promise<unknown> {
    this.running = this.running.then(work).catch(this.logError)
    return this.running
  }

  /** Rescores the book in the background (after a scorecard change). */
  rescoreInBackground(): Promise<unknown> {
    return this.queue(() => this.rescoreBook())
  }

  /** Rescores the book unless it is scored with today's date and the scorecard in force (hourly, and at start). */
  keepCurrent(): Promise<unknown> {
    return this.queue(async () => {
      const today = this.today()
      const stale = await this.db.read(async (tx) => tx.healthStale((await currentScorecard(tx)).version, today))
      if (stale) await this.rescoreBook()
    })
  }

  /** Waits for background rescoring (tests, shutdown). */
  settled(): Promise<unknown> {
    return this.running
  }

  scorecard(): Promise<{ success: true; scorecard: Scorecard }> {
    return this.db.read(async (tx) => ({ success: true as const, scorecard: await currentScorecard(tx) }))
  }

  /** The scorecard and every saved version, for admins. */
  admin(): Promise<{
    success: true
    scorecard: Scorecard
    versions: { version: number; savedAt: string; savedBy: string }[]
  }> {
    return this.db.read(async (tx) => ({
      success: true as const,
      scorecard: await currentScorecard(tx),
      versions: (await tx.scorecards()).map((r) => ({ version: r.version, savedAt: r.saved_at, savedBy: r.saved_by })),
    }))
  }

  /** Saves a checked scorecard as the next version, audited; the book is rescored in the background. */
  async save(user: User, raw: unknown): Promise<{ success: true; scorecard: Scorecard }> {
    const body = parseScorecard(raw)
    const now = this.wallClock()
    const scorecard = await this.db.write(async (tx) => {
      await tx.lock('scorecard')
      const version = (await currentScorecard(tx)).version + 1
      await tx.insertScorecard({
        version,
        body_json: JSON.stringify(body),
        saved_at: now.toISOString(),
        saved_by: user.email,
      })
      await audit(tx, now, user, 'scorecard-saved', {
        details: { version, measures: body.measures.map((m) => `${m.label} (${m.weight})`), bands: body.bands },
      })
      return { ...body, version }
    })
    void this.rescoreInBackground()
    return { success: true, scorecard }
  }

  /**
   * What a scorecard would do to the book, nothing saved: the bands today and with it, and the
   * accounts that move the most.
   */
  async preview(raw: unknown): Promise<ScorecardPreview> {
    const proposed = { ...parseScorecard(raw), version: 0 }
    const today = this.today()
    const current = emptyCounts()
    const next = emptyCounts()
    const movers: ScorecardPreview['movers'] = []
    await this.db.read(async (tx) => {
      const scorecard = await currentScorecard(tx)
      let after = ''
      for (;;) {
        const rows = await tx.healthInputs(null, after, CHUNK)
        if (!rows.length) break
        for (const row of rows) {
          const inputs = inputsOf(row)
          const from = scoreAccount(scorecard, inputs, today).score
          const to = scoreAccount(proposed, inputs, today).score
          current[bandOf(from, scorecard.bands)]++
          next[bandOf(to, proposed.bands)]++
          if (from !== to) movers.push({ customerId: row.id, name: row.name, from, to })
        }
        after = rows[rows.length - 1]!.id
      }
    })
    const move = (m: (typeof movers)[number]) =>
      Math.abs((m.to ?? 0) - (m.from ?? 0)) + (m.from === null || m.to === null ? 101 : 0)
    movers.sort((a, b) => move(b) - move(a) || a.name.localeCompare(b.name))
    return { success: true, current, proposed: next, movers: movers.slice(0, MOVERS) }
  }

  /** Why an account's health is what it is, measure by measure, and its trend (owner or admin). */
  explain(user: User, customerId: string): Promise<HealthExplanation> {
    const today = this.today()
    return this.db.read(async (tx) => {
      const customer = await ownedAccount(tx, user, customerId)
      const scorecard = await currentScorecard(tx)
      const inputs = { ...customer, imported_health: customer.health_score }
      const scored: HealthScore = scoreAccount(scorecard, inputsOf(inputs), today)
      const history = (await tx.healthHistory(customer.id, addDays(today, -HISTORY_DAYS))).map((h) => ({
        date: h.day,
        score: h.score,
      }))
      return {
        success: true as const,
        ...scored,
        scorecardVersion: scorecard.version,
        computedAt: this.clock.now().toISOString(),
        history,
      }
    })
  }
}
