/**
 * npm run bench (health part, run by reports.ts on its seeded books): rescoring 100,000 accounts
 * after a scorecard change, a preview over them, and scoring one account.
 */
import { isoDay } from '../src-main/core/clock'
import type { Core } from '../src-main/core'
import { scoreAccount } from '../src-main/core/health/score'
import { EXAMPLE_MEASURES, weighted } from '../src-main/core/health/testing'
import { BENCH_CLOCK } from './bench-host'
import { BENCH_ADMIN } from './renewal-history'
import { regression, type Figure } from './results'
import { measure, ms } from './stats'

const { utilization, activity, sentiment } = EXAMPLE_MEASURES
/** Two scorecards to move between, so each save changes scores (and their history) across the book. */
const CARDS = [
  { measures: [utilization, activity, sentiment], bands: { red: 40, yellow: 70 } },
  {
    measures: [weighted(utilization, 60), weighted(activity, 15), weighted(sentiment, 25)],
    bands: { red: 45, yellow: 75 },
  },
]
const TARGETS = { rescore: 3000, preview: 2000, one: 0.1 }

export async function measureHealth(engine: string, core: Core, figures: Record<string, Figure>): Promise<number> {
  await core.health.settled() // the start-up scoring of a fresh book
  let missed = 0
  const line = (name: string, key: string, summary: { p50: number; p95: number; samples: number }, target: number) => {
    figures[key] = { p50: summary.p50, p95: summary.p95 }
    const met = summary.p95 <= target
    if (!met) missed++
    console.log(
      `${name.padEnd(30)} ${engine.padEnd(9)} p50 ${ms(summary.p50)} ms  p95 ${ms(summary.p95)} ms  (n=${summary.samples})  target p95 <= ${target} ms: ${met ? 'met' : 'MISSED'}${regression(key, summary.p95)}`,
    )
  }
  const rescore = await measure(4, 0, async (i) => {
    await core.health.save(BENCH_ADMIN, CARDS[i % 2])
    await core.health.settled()
  })
  line('health: rescore 100k', `health: rescore 100k after a save (${engine})`, rescore, TARGETS.rescore)
  const preview = await measure(4, 1, (i) => core.health.preview(CARDS[(i + 1) % 2]))
  line('health: preview over 100k', `health: preview over 100k (${engine})`, preview, TARGETS.preview)
  if (engine === 'sqlite') {
    const today = isoDay(BENCH_CLOCK.now())
    const card = { ...CARDS[0]!, version: 2 }
    const [row] = await core.db.read((tx) => tx.healthInputs(null, '', 1))
    const inputs = { importedHealth: row!.imported_health, sentiment: row!.sentiment, data: JSON.parse(row!.data_json) }
    const calls = 2_000
    const one = await measure(30, 3, () => {
      for (let i = 0; i < calls; i++) scoreAccount(card, inputs, today)
    })
    const per = { p50: one.p50 / calls, p95: one.p95 / calls, samples: one.samples * calls }
    line('health: score one account', 'health: score one account (core)', per, TARGETS.one)
  }
  return missed
}
