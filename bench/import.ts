/**
 * npm run bench (import part): a 50,000-account CSV export (dry run, import, unchanged
 * re-import), read as a stream with its memory watched, and a renewal planner run over 100,000
 * accounts. SQLite, the engine of a desk and a small team.
 */
import { createReadStream, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { addDays } from '../src-main/core/clock'
import { DEMO_CSMS } from '../src-main/core/demo/demo'
import { runImport } from '../src-main/core/import/importer'
import type { ImportResult } from '../src-main/core/import/result'
import { planRenewals } from '../src-main/core/planner/planner'
import { openDb } from '../src-main/core/store/open'
import { tempDbPath } from '../src-main/core/testing'
import { BENCH_CLOCK } from './bench-host'
import { saveFigures, regression, type Figure } from './results'
import { ms } from './stats'

const clock = BENCH_CLOCK
const today = clock.now().toISOString().slice(0, 10)
const figures: Record<string, Figure> = {}

function exportCsv(rows: number, name: string): string {
  const owners = DEMO_CSMS.filter((c) => c.role === 'csm')
  const lines = [
    'Account ID,Account Name,Website,ARR,Renewal Date,Account Owner,Health Score,Active Users,Licensed Users',
  ]
  for (let i = 0; i < rows; i++) {
    const renewal = addDays(today, (i % 420) - 30)
    const [y, m, d] = renewal.split('-')
    lines.push(
      `ACC-${i},"Account ${i}, Inc.",https://www.account${i}.com,"$${(40_000 + (i % 97) * 1_000).toLocaleString('en-US')}.00",${Number(m)}/${Number(d)}/${y},${owners[i % owners.length]!.email},${i % 101},${i % 300},300`,
    )
  }
  const path = join(dirname(tempDbPath()), name)
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

async function emptyDatabase(): Promise<{ path: string; db: Awaited<ReturnType<typeof openDb>> }> {
  const path = tempDbPath()
  const db = await openDb(path)
  await db.write(async (tx) => {
    for (const csm of DEMO_CSMS) await tx.insertCsm(csm)
  })
  return { path, db }
}

/** Runs fn and times it. */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now()
  const result = await fn()
  return { result, ms: performance.now() - start }
}

/** The most live heap fn held: collected every 50 ms (needs node --expose-gc), then sampled. */
async function liveHeapMb(fn: () => Promise<unknown>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return NaN
  gc()
  const base = process.memoryUsage().heapUsed
  let peak = base
  const timer = setInterval(() => {
    gc()
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }, 50)
  await fn()
  clearInterval(timer)
  return (peak - base) / 1024 / 1024
}

function report(name: string, run: { ms: number }, target: number, result?: ImportResult): void {
  const key = `import: ${name}`
  figures[key] = { p50: run.ms, p95: run.ms }
  const counts = result
    ? `  (${result.rows} rows: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged; workflows ${result.workflows.created} created)`
    : ''
  console.log(
    `${name.padEnd(34)} ${ms(run.ms)} ms  target <= ${target} ms: ${run.ms <= target ? 'met' : 'MISSED'}${counts}${regression(key, run.ms)}`,
  )
}

const options = { kind: 'accounts' as const, skipInvalid: false, dateFormat: 'MDY' as const }
const small = exportCsv(10_000, 'accounts-10k.csv')
const big = exportCsv(50_000, 'accounts-50k.csv')
{
  const { path, db } = await emptyDatabase()
  const dry = await timed(() => runImport(db, clock, () => createReadStream(big), { ...options, dryRun: true }))
  report('dry run, 50,000 accounts', dry, 5000, dry.result)
  const write = await timed(() => runImport(db, clock, () => createReadStream(big), { ...options, dryRun: false }))
  report('import, 50,000 accounts', write, 10_000, write.result)
  const again = await timed(() => runImport(db, clock, () => createReadStream(big), { ...options, dryRun: false }))
  report('re-import unchanged, 50,000', again, 5000, again.result)
  await db.close()
  rmSync(dirname(path), { recursive: true, force: true })
}

// Memory: a dry run of 10,000 and of 50,000 accounts on an empty book, live heap sampled.
{
  const read = async (file: string) => {
    const { path, db } = await emptyDatabase()
    const mb = await liveHeapMb(() => runImport(db, clock, () => createReadStream(file), { ...options, dryRun: true }))
    await db.close()
    rmSync(dirname(path), { recursive: true, force: true })
    return mb
  }
  const [mb10k, mb50k] = [await read(small), await read(big)]
  console.log(
    `memory, live heap of a dry run: ${mb10k.toFixed(1)} MB for 10,000 accounts, ${mb50k.toFixed(1)} MB for 50,000` +
      " (read as a stream, 500 rows a batch; the ids seen and the planner's rows grow with the book)",
  )
}

// The planner over 100,000 accounts: the first run plans every one, the next finds nothing to do.
{
  const { path, db } = await emptyDatabase()
  await db.write(async (tx) => {
    // Accounts only: the import would plan them itself.
    const { customerIdFor } = await import('../src-main/core/import/customer-row')
    const rows = []
    for (let i = 0; i < 100_000; i++) {
      rows.push({
        id: customerIdFor(`P-${i}`),
        external_id: `P-${i}`,
        name: `Planned ${i}`,
        domain: '',
        arr: 50_000,
        renewal_date: addDays(today, (i % 420) - 30),
        contract_start: null,
        account_plan: 'manage' as const,
        owner_id: DEMO_CSMS[i % 4]!.id,
        status: 'active' as const,
        risk_score: null,
        health_score: null,
        sentiment: null,
        ai_summary: null,
        insights_json: '[]',
        recommendations_json: '[]',
        data_json: '{}',
      })
    }
    await tx.saveCustomers(rows)
  })
  const first = await timed(() => db.write((tx) => planRenewals(tx, clock.now())))
  report('planner, 100,000 accounts (first)', first, 3000)
  console.log(`  planned ${first.result.created} workflows`)
  const later = addDays(today, 20)
  const next = await timed(() => db.write((tx) => planRenewals(tx, new Date(`${later}T09:00:00Z`))))
  report('planner, 100,000 (20 days on)', next, 3000)
  console.log(`  moved ${next.result.updated} pending workflows to their new stage`)
  const idle = await timed(() => db.write((tx) => planRenewals(tx, new Date(`${later}T10:00:00Z`))))
  report('planner, 100,000 (nothing to do)', idle, 3000)
  await db.close()
  rmSync(dirname(path), { recursive: true, force: true })
}
rmSync(dirname(small), { recursive: true, force: true })
rmSync(dirname(big), { recursive: true, force: true })
saveFigures(figures)
