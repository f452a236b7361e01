import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseScorecard, DEFAULT_SCORECARD } from './scorecard'
import { scoreAccount } from './score'
import type { HealthInputs } from './signals'
import type { Measure, Scorecard } from './types'

const TODAY = '2026-03-01'

/** Numeric sources and where each sits in the data, to build accounts that have them or not. */
const NUMERIC = [
  ['usage.utilizationRate', (v: number) => ({ usage: { utilizationRate: v } })],
  ['usage.changePercent', (v: number) => ({ usage: { changePercent: v } })],
  ['engagement.openTickets', (v: number) => ({ engagement: { supportTickets: { open: v } } })],
  ['financials.maxDaysLate', (v: number) => ({ financials: { paymentHistory: [{ daysLate: v }] } })],
] as const

const linear = fc
  .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 200 }), fc.boolean())
  .map(([from, span, up]) => ({
    kind: 'linear' as const,
    from: { value: from, points: up ? 0 : 100 },
    to: { value: from + span, points: up ? 100 : 0 },
  }))
const steps = fc.uniqueArray(fc.integer({ min: -100, max: 300 }), { minLength: 1, maxLength: 5 }).chain((ups) =>
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: ups.length, maxLength: ups.length }).map((pts) => ({
    kind: 'steps' as const,
    steps: [...ups].sort((a, b) => a - b).map((upTo, i) => ({ upTo, points: pts[i]! })),
  })),
)

/** A scorecard of one measure per numeric source (weights summing to 100), and an account. */
const scorecardAndAccount = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 10 }), { minLength: NUMERIC.length, maxLength: NUMERIC.length }),
    fc.array(fc.oneof(linear, steps), { minLength: NUMERIC.length, maxLength: NUMERIC.length }),
    fc.array(fc.option(fc.integer({ min: -200, max: 400 }), { nil: null }), {
      minLength: NUMERIC.length,
      maxLength: NUMERIC.length,
    }),
  )
  .map(([shares, scales, values]) => {
    const total = shares.reduce((a, b) => a + b, 0)
    const weights = shares.map((s) => Math.floor((s * 100) / total))
    weights[0]! += 100 - weights.reduce((a, b) => a + b, 0)
    const measures: Measure[] = NUMERIC.map(([source], i) => ({
      id: `m${i}`,
      label: source,
      source,
      weight: weights[i]!,
      scale: scales[i]!,
    })).filter((m) => m.weight > 0)
    const data: Record<string, any> = {}
    NUMERIC.forEach(([, place], i) => {
      if (values[i] === null) return
      for (const [key, part] of Object.entries(place(values[i]!))) data[key] = { ...data[key], ...part }
    })
    const scorecard: Scorecard = { version: 2, measures, bands: { red: 40, yellow: 70 } }
    return { scorecard, inputs: { importedHealth: null, sentiment: null, data } as HealthInputs }
  })

describe('a health score', () => {
  it('is a whole number from 0 to 100, or null with not enough data; contributions add up to it', () => {
    fc.assert(
      fc.property(scorecardAndAccount, ({ scorecard, inputs }) => {
        const { score, band, measures } = scoreAccount(scorecard, inputs, TODAY)
        if (score === null) {
          expect(band).toBe('none')
          expect(measures.filter((m) => m.points !== null).reduce((w, m) => w + m.weight, 0)).toBeLessThan(50)
          return
        }
        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true)
        const sum = measures.reduce((total, m) => total + m.contribution, 0)
        expect(Math.abs(sum - score)).toBeLessThanOrEqual(0.5 + 0.05 * measures.length)
      }),
    )
  })

  it('moves only in the direction of a measure’s scale when its signal rises', () => {
    fc.assert(
      fc.property(
        scorecardAndAccount,
        fc.integer({ min: -200, max: 400 }),
        fc.integer({ min: 1, max: 300 }),
        ({ scorecard, inputs }, low, rise) => {
          const measure = scorecard.measures.find((m) => m.source === 'usage.changePercent')
          if (!measure || measure.scale.kind !== 'linear') return
          const at = (v: number) =>
            scoreAccount(scorecard, { ...inputs, data: { ...inputs.data, usage: { changePercent: v } } }, TODAY).score
          const [before, after] = [at(low), at(low + rise)]
          if (before === null || after === null) return
          const up = measure.scale.to.points > measure.scale.from.points
          if (up) expect(after).toBeGreaterThanOrEqual(before)
          else expect(after).toBeLessThanOrEqual(before)
        },
      ),
    )
  })

  it('does not change when every weight is scaled by the same factor', () => {
    fc.assert(
      fc.property(scorecardAndAccount, fc.integer({ min: 2, max: 9 }), ({ scorecard, inputs }, factor) => {
        const scaled = { ...scorecard, measures: scorecard.measures.map((m) => ({ ...m, weight: m.weight * factor })) }
        expect(scoreAccount(scaled, inputs, TODAY).score).toBe(scoreAccount(scorecard, inputs, TODAY).score)
      }),
    )
  })

  it('leaves a measure without data out, and scales the others up to fill its place', () => {
    fc.assert(
      fc.property(scorecardAndAccount, ({ scorecard, inputs }) => {
        const result = scoreAccount(scorecard, inputs, TODAY)
        const kept = scorecard.measures.filter((_, i) => result.measures[i]!.points !== null)
        if (result.score === null) return
        // Scored on the measures with data alone, their weights as they are: the same score.
        expect(scoreAccount({ ...scorecard, measures: kept }, inputs, TODAY).score).toBe(result.score)
        if (result.score !== null)
          expect(
            result.measures.filter((m) => m.points !== null).reduce((w, m) => w + m.effectiveWeight, 0),
          ).toBeCloseTo(100, 0)
      }),
    )
  })

  it('is the same on a desk and on the server: the data as stored and sent (JSON) scores alike', () => {
    fc.assert(
      fc.property(scorecardAndAccount, ({ scorecard, inputs }) => {
        const sent = JSON.parse(JSON.stringify({ scorecard, inputs })) as { scorecard: Scorecard; inputs: HealthInputs }
        expect(scoreAccount(sent.scorecard, sent.inputs, TODAY)).toEqual(scoreAccount(scorecard, inputs, TODAY))
      }),
    )
  })

  it('is the imported health score under the default scorecard, so a book reads as it came', () => {
    const imported = (importedHealth: number | null) =>
      scoreAccount(DEFAULT_SCORECARD, { importedHealth, sentiment: null, data: {} }, TODAY)
    expect(imported(65)).toMatchObject({ score: 65, band: 'yellow' })
    expect(imported(39).band).toBe('red')
    expect(imported(null)).toMatchObject({ score: null, band: 'none' })
  })

  it('reads each signal as its definition says', () => {
    const card = (source: Measure['source'], scale: Measure['scale']): Scorecard => ({
      version: 2,
      measures: [{ id: 'm', label: 'm', source, weight: 100, scale }],
      bands: { red: 40, yellow: 70 },
    })
    const raw = (c: Scorecard, data: Record<string, unknown>, sentiment: string | null = null) =>
      scoreAccount(c, { importedHealth: null, sentiment, data }, TODAY).measures[0]!.raw
    const any = { kind: 'linear', from: { value: 0, points: 0 }, to: { value: 1, points: 100 } } as const
    expect(raw(card('usage.utilizationRate', any), { usage: { activeUsers: 30, licensedUsers: 40 } })).toBe(0.75)
    expect(raw(card('usage.daysSinceLastActivity', any), { usage: { lastActivity: '2026-02-19' } })).toBe(10)
    expect(raw(card('usage.featureAdoption', any), { usage: { featureAdoption: { a: 0.2, b: 0.6 } } })).toBe(0.4)
    expect(raw(card('financials.outstandingInvoices', any), { financials: { outstandingInvoices: [] } })).toBe(0)
    expect(raw(card('financials.maxDaysLate', any), { financials: { paymentHistory: [] } })).toBeNull()
    const sentiment = card('intelligence.sentiment', { kind: 'values', values: [{ value: 'positive', points: 100 }] })
    expect(scoreAccount(sentiment, { importedHealth: null, sentiment: 'Positive', data: {} }, TODAY).score).toBe(100)
    const qbr = card('engagement.qbrCompleted', { kind: 'values', values: [{ value: false, points: 10 }] })
    expect(
      scoreAccount(
        qbr,
        { importedHealth: null, sentiment: null, data: { engagement: { qbrStatus: { completed: false } } } },
        TODAY,
      ).score,
    ).toBe(10)
  })
})

describe('a scorecard as an admin sends it', () => {
  const measure = (over: Partial<Measure> = {}): Measure => ({
    id: 'util',
    label: 'Utilization',
    source: 'usage.utilizationRate',
    weight: 100,
    scale: { kind: 'linear', from: { value: 0.3, points: 0 }, to: { value: 0.9, points: 100 } },
    ...over,
  })
  const fields = (raw: unknown) => {
    try {
      parseScorecard(raw)
    } catch (error) {
      return (error as { details: { fields: Record<string, string> } }).details.fields
    }
    return null
  }

  it('is refused naming each wrong field', () => {
    const bands = { red: 40, yellow: 70 }
    expect(fields({ measures: [measure({ weight: 90 })], bands })).toEqual({
      measures: expect.stringMatching(/sum to 90/),
    })
    expect(fields({ measures: [measure({ source: 'usage.mood' as never })], bands })).toHaveProperty(
      'measures[0].source',
    )
    expect(fields({ measures: [measure({ source: 'intelligence.sentiment' })], bands })).toEqual({
      'measures[0].scale.kind': expect.stringMatching(/values/),
    })
    expect(
      fields({
        measures: [
          measure({
            scale: {
              kind: 'steps',
              steps: [
                { upTo: 5, points: 0 },
                { upTo: 2, points: 9 },
              ],
            },
          }),
        ],
        bands,
      }),
    ).toEqual({ 'measures[0].scale.steps': expect.stringMatching(/rise/) })
    expect(fields({ measures: [measure()], bands: { red: 80, yellow: 70 } })).toEqual({
      'bands.red': expect.stringMatching(/below/),
    })
    expect(fields({ measures: [measure({ weight: 2.5 })], bands })).toHaveProperty('measures[0].weight')
    expect(fields({ measures: [measure()], bands })).toBeNull()
  })
})
