import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import type { Clock } from '../clock'
import { callApi, CONTRACT_NOW, tokenFor } from '../testing'
import { ENGINES, engineCore } from '../testing-engines'
import type { Measure } from './types'
import { rescore } from './health'
import { EXAMPLE_MEASURES } from './testing'

const admin = tokenFor('admin-1')
const sarah = tokenFor('csm-456')
const marcus = tokenFor('csm-101')

/** Three measures an admin might build: utilization, days since activity, sentiment (50, 30, 20). */
const THREE: Measure[] = [EXAMPLE_MEASURES.utilization, EXAMPLE_MEASURES.activity, EXAMPLE_MEASURES.sentiment]

describe.each(ENGINES)('health scores (%s)', (engine) => {
  let core: Core
  let now = Date.parse(CONTRACT_NOW)
  afterEach(() => core?.close())
  const start = async () => {
    now = Date.parse(CONTRACT_NOW)
    const clock: Clock = { now: () => new Date(now) }
    core = await engineCore(engine, { clock })
    await core.health.settled()
  }
  const call = (method: string, path: string, token: string, body?: unknown) => callApi(core, method, path, token, body)
  const save = async (measures: Measure[], bands = { red: 40, yellow: 70 }) => {
    const saved = await call('PUT', '/admin/scorecard', admin, { measures, bands })
    await core.health.settled()
    return saved
  }

  it('explains an account on the default scorecard: the imported score, measure by measure, to its owner or an admin', async () => {
    await start()
    const { status, body } = await call('GET', '/accounts/cust-123/health', sarah)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      success: true,
      score: 65,
      band: 'yellow',
      scorecardVersion: 1,
      computedAt: CONTRACT_NOW,
      measures: [{ id: 'imported-health', raw: 65, points: 65, weight: 100, effectiveWeight: 100, contribution: 65 }],
      history: [{ date: CONTRACT_NOW.slice(0, 10), score: 65 }],
    })
    expect((await call('GET', '/accounts/cust-123/health', marcus)).status).toBe(403)
    expect((await call('GET', '/accounts/cust-nope/health', admin)).status).toBe(404)
    expect((await call('GET', '/accounts/cust-123/health', admin)).status).toBe(200)
  })

  it('refuses a bad scorecard naming the field, and a CSM altogether, changing nothing', async () => {
    await start()
    const bad = await call('PUT', '/admin/scorecard', admin, {
      measures: THREE.map((m, i) => (i === 0 ? { ...m, weight: 40 } : m)),
      bands: { red: 40, yellow: 70 },
    })
    expect(bad).toMatchObject({
      status: 400,
      body: {
        error: { code: 'VALIDATION_ERROR', details: { fields: { measures: expect.stringMatching(/sum to 90/) } } },
      },
    })
    const unknown = await call('PUT', '/admin/scorecard', admin, {
      measures: [{ ...THREE[0], source: 'usage.vibes', weight: 100 }],
      bands: { red: 40, yellow: 70 },
    })
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['measures[0].source'])
    expect(
      (await call('PUT', '/admin/scorecard', sarah, { measures: THREE, bands: { red: 40, yellow: 70 } })).status,
    ).toBe(403)
    expect((await call('GET', '/admin/scorecard', sarah)).status).toBe(403)
    expect(
      (await call('POST', '/admin/scorecard/preview', marcus, { measures: THREE, bands: { red: 40, yellow: 70 } }))
        .status,
    ).toBe(403)
    expect((await call('GET', '/admin/scorecard', admin)).body).toMatchObject({
      scorecard: { version: 1 },
      versions: [],
    })
  })

  it('previews a scorecard over the book without saving it', async () => {
    await start()
    const { body } = await call('POST', '/admin/scorecard/preview', admin, {
      measures: THREE,
      bands: { red: 40, yellow: 70 },
    })
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
    expect(total(body.current)).toBe(total(body.proposed))
    expect(total(body.current)).toBeGreaterThan(10)
    expect(body.movers.length).toBeGreaterThan(0)
    expect(body.movers.length).toBeLessThanOrEqual(50)
    const moves = body.movers.map((m: any) => Math.abs((m.to ?? 0) - (m.from ?? 0)))
    expect(moves).toEqual([...moves].sort((a: number, b: number) => b - a))
    expect((await call('GET', '/scorecard', sarah)).body.scorecard.version).toBe(1)
  })

  it('saves a new version, audited, rescores the book, and the context, the queue and the explanation agree', async () => {
    await start()
    const saved = await save(THREE)
    expect(saved.body.scorecard).toMatchObject({ version: 2, measures: THREE })
    expect((await save(THREE)).body.scorecard.version).toBe(3)
    expect((await call('GET', '/admin/scorecard', admin)).body.versions.map((v: any) => v.version)).toEqual([3, 2])
    const audit = (await call('GET', '/admin/audit?action=scorecard-saved', admin)).body.entries
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ actor: { email: 'alex@company.com' }, details: { version: 3 } })

    const why = (await call('GET', '/accounts/cust-123/health', sarah)).body
    expect(why.scorecardVersion).toBe(3)
    expect(why.measures.map((m: any) => m.id)).toEqual(['utilization', 'activity', 'sentiment'])
    const sum = why.measures.reduce((total: number, m: any) => total + m.contribution, 0)
    expect(Math.abs(sum - why.score)).toBeLessThanOrEqual(0.5)
    const context = (await call('GET', '/workflows/wf-12345/context', sarah)).body
    expect(context.intelligence.healthScore).toBe(why.score)
    expect(context.health).toEqual({ imported: 65, scorecardVersion: 3 })
    const queue = (await call('GET', '/workflows/queue/csm-456', sarah)).body
    expect(queue.workflows.find((w: any) => w.id === 'wf-12345').intelligence.healthScore).toBe(why.score)
    // Priority keeps the contract's formula: health does not enter it.
    expect(context.workflow.priorityScore).toBe(287)
  })

  it('rescores once a day, as "days since" measures age, and keeps the trend', async () => {
    await start()
    await save([THREE[1]!].map((m) => ({ ...m, weight: 100 })))
    const first = (await call('GET', '/accounts/cust-123/health', sarah)).body
    now += 60 * 86_400_000
    await core.health.keepCurrent()
    await core.health.settled()
    const later = (await call('GET', '/accounts/cust-123/health', sarah)).body
    expect(later.measures[0].raw).toBe(first.measures[0].raw + 60)
    expect(later.score).toBeLessThan(first.score)
    expect(later.history.at(-1)).toEqual({ date: new Date(now).toISOString().slice(0, 10), score: later.score })
    expect(later.history.length).toBeGreaterThanOrEqual(2)
    const context = (await call('GET', '/workflows/wf-12345/context', sarah)).body
    expect(context.intelligence.healthScore).toBe(later.score)
  })

  it('says "not enough data" (null), never 0, when the measures with data weigh under half', async () => {
    await start()
    const late: Measure = {
      id: 'late',
      label: 'Days late paying',
      source: 'financials.maxDaysLate',
      weight: 60,
      scale: { kind: 'linear', from: { value: 0, points: 100 }, to: { value: 60, points: 0 } },
    }
    await save([late, { ...THREE[2]!, weight: 40 }])
    expect((await call('GET', '/accounts/cust-123/health', sarah)).body.score).toBe(68) // 100 × 0.6 + 20 (declining) × 0.4
    // An import brings Acme without payment history: 40 of 100 has data, not enough.
    const acme = (await core.db.read((tx) => tx.customer('cust-123')))!
    const data = { ...JSON.parse(acme.data_json), financials: { currentARR: 500_000 } }
    await core.db.write(async (tx) => {
      await tx.saveCustomers([{ ...acme, data_json: JSON.stringify(data) }])
      await rescore(tx, CONTRACT_NOW.slice(0, 10), ['cust-123'])
    })
    const why = (await call('GET', '/accounts/cust-123/health', sarah)).body
    expect(why).toMatchObject({ score: null, band: 'none' })
    expect(why.measures.map((m: any) => [m.id, m.raw, m.effectiveWeight])).toEqual([
      ['late', null, 0],
      ['sentiment', 'declining', 0],
    ])
    const context = (await call('GET', '/workflows/wf-12345/context', sarah)).body
    expect(context.intelligence.healthScore).toBeNull()
  })

  it('scores what an import brings in the import itself: the context reads the new score at once', async () => {
    await start()
    await save([
      { ...THREE[0]!, weight: 50 },
      {
        id: 'imported',
        label: 'Imported health',
        source: 'intelligence.importedHealth',
        weight: 50,
        scale: { kind: 'linear', from: { value: 0, points: 0 }, to: { value: 100, points: 100 } },
      },
    ])
    const before = (await call('GET', '/workflows/wf-12345/context', sarah)).body.intelligence.healthScore
    const file =
      'external_id,name,arr,renewal_date,owner,health_score\ncust-123,Acme Corporation,500000,2025-12-31,sarah@company.com,5\n'
    const response = await core.api.fetch(
      new Request('http://desk.local/api/admin/import?kind=accounts', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: file,
      }),
    )
    expect(response.status).toBe(200)
    const after = (await call('GET', '/workflows/wf-12345/context', sarah)).body
    // Utilization 0.9 gives 100 × 0.5; the imported score went from 65 to 5: 50 + 2.5.
    expect(before).toBe(83)
    expect(after.intelligence.healthScore).toBe(53)
    expect(after.health).toEqual({ imported: 5, scorecardVersion: 2 })
  })
})
