import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { customerIdFor } from '../import/customer-row'
import { ENGINES, engineCore } from '../testing-engines'
import { signToken } from '../api/auth'
import { callApi, TEST_SECRET, tokenFor } from '../testing'

const admin = tokenFor('admin-1')

/** Two CSMs of their own, so the demo book stays out of their figures. The contract's day is 2025-12-28. */
interface Account {
  id: string
  owner: 'ana' | 'ben'
  arr: number
  renewal: string
  health: number | ''
  risk: number | ''
}
const BOOK: Account[] = [
  { id: 'R-1', owner: 'ana', arr: 100_000, renewal: '2026-01-01', health: 80, risk: 10 },
  { id: 'R-2', owner: 'ana', arr: 50_000, renewal: '2026-01-31', health: 40, risk: 20 },
  { id: 'R-3', owner: 'ana', arr: 70_000, renewal: '2026-02-01', health: 90, risk: 75 },
  { id: 'R-4', owner: 'ana', arr: 30_000, renewal: '2026-02-28', health: '', risk: '' },
  { id: 'R-5', owner: 'ben', arr: 200_000, renewal: '2026-01-15', health: 65, risk: 30 },
  { id: 'R-6', owner: 'ben', arr: 10_000, renewal: '2026-03-31', health: 55, risk: 40 },
  { id: 'R-7', owner: 'ben', arr: 45_000, renewal: '2026-04-01', health: 70, risk: 5 },
  { id: 'R-8', owner: 'ana', arr: 25_000, renewal: '2026-03-15', health: 60, risk: 60 },
]
const FORECASTS: Record<string, { who: 'ana' | 'ben' | 'admin'; category: string; forecastArr?: number }> = {
  'R-1': { who: 'ana', category: 'commit', forecastArr: 120_000 },
  'R-2': { who: 'ana', category: 'at-risk' },
  'R-3': { who: 'ana', category: 'likely', forecastArr: 60_000 },
  'R-5': { who: 'admin', category: 'lost', forecastArr: 0 },
  'R-6': { who: 'ben', category: 'commit' },
}
/** The second file: renewals at new ARR, churn, and accounts left as they were. */
const RENEWED: Record<string, { arr: number; renewal: string }> = {
  'R-1': { arr: 130_000, renewal: '2027-01-01' }, // expansion, forecast commit: matched
  'R-3': { arr: 50_000, renewal: '2027-02-01' }, // contraction, forecast likely: matched
  'R-5': { arr: 200_000, renewal: '2027-01-15' }, // flat, forecast lost: missed
}
const CHURNED = new Set(['R-2', 'R-4']) // at-risk: matched; unset: missed

const csv = (rows: Account[], changed = false) =>
  [
    'Account ID,Account Name,ARR,Renewal Date,Account Owner,health_score,risk_score,status',
    ...rows.map((a) => {
      const next = changed ? RENEWED[a.id] : undefined
      const status = changed && CHURNED.has(a.id) ? 'churned' : 'active'
      return [a.id, `Account ${a.id}`, next?.arr ?? a.arr, next?.renewal ?? a.renewal, `${a.owner}@company.com`]
        .concat([String(a.health), String(a.risk), status])
        .join(',')
    }),
  ].join('\n')

describe.each(ENGINES)('the renewal forecast and its outcomes (%s)', (engine) => {
  let core: Core
  afterEach(() => core?.close())
  const call = (method: string, path: string, token: string, body?: unknown) => callApi(core, method, path, token, body)

  /** The team: two new CSMs; answers their tokens. */
  const setUp = async () => {
    core = await engineCore(engine)
    const ids = { ana: 'csm-ana', ben: 'csm-ben' }
    for (const [name, id] of Object.entries(ids)) {
      const row = { id, email: `${name}@company.com`, name: name === 'ana' ? 'Ana Lima' : 'Ben Ode' }
      await core.db.write((tx) => tx.insertUser({ ...row, role: 'csm', experience: 'mid', active: 1 }))
    }
    const token = (name: string) =>
      signToken({ id: ids[name as 'ana']!, email: `${name}@company.com`, role: 'csm' }, TEST_SECRET)
    const imported = await call('POST', '/admin/import', admin, csv(BOOK))
    expect(imported.body).toMatchObject({ success: true, created: BOOK.length })
    return { ids, tokens: { ana: token('ana'), ben: token('ben'), admin } }
  }

  it('sets forecasts for the owner or an admin only, checks them, and changes nothing on a refusal', async () => {
    const { tokens } = await setUp()
    const r1 = customerIdFor('R-1')
    const put = (token: string, body: unknown, id = r1) => call('PUT', `/accounts/${id}/forecast`, token, body)
    expect((await put(tokens.ben, { category: 'commit' })).status).toBe(403)
    expect((await put(tokens.ana, { category: 'commit' }, 'acct-nope')).status).toBe(404)
    const bad = await put(tokens.ana, { category: 'maybe', forecastArr: -5 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.fields).toMatchObject({
      category: expect.any(String),
      forecastArr: expect.any(String),
    })
    expect((await call('GET', `/accounts/${r1}/forecast`, tokens.ana)).body.forecast).toMatchObject({
      category: 'unset',
      forecastArr: 100_000,
      updatedBy: null,
    })
    const set = await put(tokens.ana, { category: 'likely', forecastArr: 90_000, note: 'Budget approved' })
    expect(set.status).toBe(200)
    expect(set.body.forecast).toMatchObject({
      customerId: r1,
      renewalDate: '2026-01-01',
      category: 'likely',
      forecastArr: 90_000,
      note: 'Budget approved',
      suggested: false,
      updatedBy: { name: 'Ana Lima' },
    })
    // A desk whose clock runs ahead cannot date a forecast in the future.
    const ahead = await put(tokens.ana, { category: 'likely', updatedAt: '2099-01-01T00:00:00Z' })
    expect(Date.parse(ahead.body.forecast.updatedAt)).toBeLessThanOrEqual(Date.now())
    // An admin's change on a CSM's account is audited.
    await put(tokens.admin, { category: 'commit' })
    const audit = (await call('GET', '/admin/audit?action=forecast-set', tokens.admin)).body
    expect(JSON.stringify(audit)).toContain('forecast-set')
  })

  it('reports each month, its categories, at-risk and covered ARR exactly as the files and forecasts say', async () => {
    const { ids, tokens } = await setUp()
    for (const [id, f] of Object.entries(FORECASTS)) {
      const { who, ...body } = f
      const answer = await call('PUT', `/accounts/${customerIdFor(id)}/forecast`, tokens[who], body)
      expect(answer.status).toBe(200)
    }
    // Covered: an open or completed workflow for the renewal, as the queues show them.
    const covered = new Set<string>()
    for (const who of ['ana', 'ben'] as const) {
      const queue = (await call('GET', `/workflows/queue/${ids[who]}`, tokens[who])).body
      for (const w of queue.workflows) covered.add(w.customerId)
    }
    const report = await call('GET', `/reports/forecast?from=2026-01&months=4&csmId=${ids.ana}`, admin)
    expect(report.status).toBe(200)
    expect(report.body.months.map((m: any) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    const key = (c: string) => (c === 'at-risk' ? 'atRisk' : c)
    for (const month of report.body.months) {
      const rows = BOOK.filter((a) => a.owner === 'ana' && a.renewal.startsWith(month.month))
      const category = (a: Account) => FORECASTS[a.id]?.category ?? 'unset'
      const atRisk = rows.filter(
        (a) =>
          ['at-risk', 'lost'].includes(category(a)) ||
          (a.health !== '' && a.health < 50) ||
          (a.risk !== '' && a.risk >= 70),
      )
      const sum = (list: Account[]) => list.reduce((n, a) => n + a.arr, 0)
      expect(month.accounts).toBe(rows.length)
      expect(month.arr).toBe(sum(rows))
      expect(month.forecastArr).toBe(rows.reduce((n, a) => n + (FORECASTS[a.id]?.forecastArr ?? a.arr), 0))
      expect(month.atRisk).toEqual({ accounts: atRisk.length, arr: sum(atRisk) })
      const coveredRows = rows.filter((a) => covered.has(customerIdFor(a.id)))
      expect(month.covered).toEqual({ accounts: coveredRows.length, arr: sum(coveredRows) })
      for (const c of ['commit', 'likely', 'at-risk', 'lost', 'unset']) {
        const inCategory = rows.filter((a) => category(a) === c)
        expect(month.byCategory[key(c)]).toEqual({ accounts: inCategory.length, arr: sum(inCategory) })
      }
    }
    expect(report.body.months[3].accounts).toBe(0) // an empty month is there too
    expect(report.body.totals.arr).toBe(BOOK.filter((a) => a.owner === 'ana').reduce((n, a) => n + a.arr, 0))
    // A CSM sees their own; naming someone else is a 403.
    const own = await call('GET', '/reports/forecast?from=2026-01&months=4', tokens.ana)
    expect(own.body.totals).toEqual(report.body.totals)
    expect((await call('GET', `/reports/forecast?csmId=${ids.ben}`, tokens.ana)).status).toBe(403)
    expect((await call('GET', '/reports/forecast?from=2026-13', admin)).status).toBe(400)
  })

  it('records outcomes from a second import once, and figures GRR, NRR and accuracy from the files', async () => {
    const { ids, tokens } = await setUp()
    for (const [id, f] of Object.entries(FORECASTS)) {
      const { who, ...body } = f
      expect((await call('PUT', `/accounts/${customerIdFor(id)}/forecast`, tokens[who], body)).status).toBe(200)
    }
    const second = await call('POST', '/admin/import', admin, csv(BOOK, true))
    expect(second.body).toMatchObject({ success: true, renewals: { renewed: 3, churned: 2 } })
    const again = await call('POST', '/admin/import', admin, csv(BOOK, true))
    expect(again.body.renewals).toEqual({ renewed: 0, churned: 0 })

    const period = (who: 'ana' | 'ben') => `/reports/outcomes?from=2026-01-01&to=2026-03-31&csmId=${ids[who]}`
    for (const who of ['ana', 'ben'] as const) {
      const due = BOOK.filter((a) => a.owner === who && a.renewal >= '2026-01-01' && a.renewal <= '2026-03-31')
      const renewed = due.filter((a) => RENEWED[a.id])
      const churned = due.filter((a) => CHURNED.has(a.id))
      const open = due.filter((a) => !RENEWED[a.id] && !CHURNED.has(a.id))
      const sum = (list: Account[], arr: (a: Account) => number = (a) => a.arr) => list.reduce((n, a) => n + arr(a), 0)
      const start = sum(renewed) + sum(churned)
      const churn = sum(churned)
      const expansion = sum(renewed, (a) => Math.max(0, RENEWED[a.id]!.arr - a.arr))
      const contraction = sum(renewed, (a) => Math.max(0, a.arr - RENEWED[a.id]!.arr))
      const matched =
        renewed.filter((a) => ['commit', 'likely'].includes(FORECASTS[a.id]?.category ?? 'unset')).length +
        churned.filter((a) => ['at-risk', 'lost'].includes(FORECASTS[a.id]?.category ?? 'unset')).length
      const round = (n: number) => Math.round(n * 10_000) / 10_000
      const { status, body } = await call('GET', period(who), admin)
      expect(status).toBe(200)
      expect(body).toMatchObject({
        due: { accounts: due.length, arr: sum(due) },
        renewed: {
          accounts: renewed.length,
          arrBefore: sum(renewed),
          arrAfter: sum(renewed, (a) => RENEWED[a.id]!.arr),
        },
        churned: { accounts: churned.length, arr: churn },
        open: { accounts: open.length, arr: sum(open) },
        expansion,
        contraction,
        grr: start ? round((start - churn - contraction) / start) : null,
        nrr: start ? round((start - churn - contraction + expansion) / start) : null,
        forecastAccuracy: renewed.length + churned.length ? round(matched / (renewed.length + churned.length)) : null,
      })
      expect(body.byCsm).toHaveLength(1)
      expect(body.byCsm[0]).toMatchObject({ csmId: ids[who], due: body.due, grr: body.grr })
    }
    // The forecast of a closed renewal stays beside its outcome; the new renewal starts unset.
    const r1 = (await call('GET', `/accounts/${customerIdFor('R-1')}/forecast`, tokens.ana)).body.forecast
    expect(r1).toMatchObject({ renewalDate: '2027-01-01', category: 'unset', forecastArr: 130_000 })
    const late = await call('PUT', `/accounts/${customerIdFor('R-1')}/forecast`, tokens.ana, {
      category: 'commit',
      renewalDate: '2026-01-01',
    })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('RENEWAL_CLOSED')
  })

  it('records a renewal in the app once, moves the account a year on and plans it over; churn closes its work', async () => {
    const { ids, tokens } = await setUp()
    const r6 = customerIdFor('R-6')
    expect((await call('POST', `/accounts/${r6}/renewal`, tokens.ana, { result: 'renewed' })).status).toBe(403)
    const bad = await call('POST', `/accounts/${r6}/renewal`, tokens.ben, {
      result: 'renewed',
      nextRenewalDate: '2026-01-01',
    })
    expect(bad.status).toBe(400)
    const renewed = await call('POST', `/accounts/${r6}/renewal`, tokens.ben, { result: 'renewed', arrAfter: 12_000 })
    expect(renewed.status).toBe(200)
    expect(renewed.body).toMatchObject({
      outcome: { renewalDate: '2026-03-31', result: 'renewed', arrBefore: 10_000, arrAfter: 12_000, source: 'app' },
      nextRenewalDate: '2027-03-31',
    })
    const r5 = customerIdFor('R-5')
    const queueBefore = (await call('GET', `/workflows/queue/${ids.ben}`, tokens.ben)).body.workflows
    expect(queueBefore.some((w: any) => w.customerId === r5)).toBe(true)
    const churned = await call('POST', `/accounts/${r5}/renewal`, admin, { result: 'churned' })
    expect(churned.body).toMatchObject({ outcome: { result: 'churned', arrAfter: 0 }, nextRenewalDate: null })
    const queueAfter = (await call('GET', `/workflows/queue/${ids.ben}`, tokens.ben)).body.workflows
    expect(queueAfter.some((w: any) => w.customerId === r5)).toBe(false)
    expect((await call('POST', `/accounts/${r5}/renewal`, admin, { result: 'churned' })).status).toBe(409)
    const outcomes = (await call('GET', `/reports/outcomes?from=2026-01-01&to=2026-03-31&csmId=${ids.ben}`, admin)).body
    expect(outcomes).toMatchObject({
      renewed: { accounts: 1, arrBefore: 10_000, arrAfter: 12_000 },
      churned: { accounts: 1, arr: 200_000 },
      expansion: 2_000,
      grr: Math.round(((210_000 - 200_000) / 210_000) * 10_000) / 10_000,
    })
  })

  it('counts activity per CSM with on-time workflows, skip reasons, step minutes and the team median', async () => {
    core = await engineCore(engine)
    const sarah = tokenFor('csm-456')
    await call('POST', '/workflows/wf-12345/start', sarah, { csmId: 'csm-456' })
    const context = (await call('GET', '/workflows/wf-12345/context', sarah)).body
    const [first, second] = context.workflow.steps
    const decision = (step: any) => step.outputs?.decision?.options?.[0]?.value
    const step = (s: any, status: string, duration: number, reason?: string) =>
      call('POST', `/workflows/wf-12345/steps/${s.id}/complete`, sarah, {
        stepId: s.id,
        status,
        duration,
        ...(reason ? { reason } : {}),
        outputs: status === 'completed' ? { decision: decision(s), notes: 'ok' } : {},
        completedBy: 'sarah@company.com',
      })
    const activity = async () => (await call('GET', '/reports/activity?from=2025-10-01&to=2025-12-31', sarah)).body
    const before = await activity()
    expect((await step(first, 'completed', 600)).status).toBe(200)
    expect((await step(second, 'skipped', 0, 'Customer asked to wait')).status).toBe(200)
    const after = await activity()
    expect(after.csms).toHaveLength(1)
    const [was, now] = [before.csms[0], after.csms[0]]
    expect(now).toMatchObject({
      csmId: 'csm-456',
      stepsCompleted: was.stepsCompleted + 1,
      stepsSkipped: was.stepsSkipped + 1,
    })
    expect(now.skipReasons).toContainEqual({ reason: 'Customer asked to wait', count: 1 })
    const timed = now.steps.find((s: any) => s.stepId === first.id)
    const earlier = was.steps.find((s: any) => s.stepId === first.id)
    expect(timed.count).toBe((earlier?.count ?? 0) + 1)
    if (!earlier) expect(timed).toMatchObject({ medianMinutes: 10, p90Minutes: 10, teamMedianMinutes: 10 })
    expect((await call('GET', '/reports/activity?csmId=csm-101', sarah)).status).toBe(403)
    const team = (await call('GET', '/reports/activity?from=2025-12-01&to=2025-12-31', admin)).body
    expect(team.csms.map((c: any) => c.csmId)).toEqual(expect.arrayContaining(['csm-456', 'csm-101']))
  })
})
