/**
 * npm run bench (reports part): the renewal forecast (12 months) and outcomes (a quarter) over
 * 100,000 accounts, through the router, on SQLite and on a throwaway PostgreSQL in the same run;
 * then health scores on the same books (bench/health.ts).
 */
import { rmSync } from 'node:fs'
import pg from 'pg'
import { dirname } from 'node:path'
import { signToken } from '../src-main/core/api/auth'
import { isoDay } from '../src-main/core/clock'
import { openDb } from '../src-main/core/store/open'
import { TEMPLATES_DIR, tempDbPath } from '../src-main/core/testing'
import { startHost } from '../src-main/headless/host'
import { startPgCluster } from '../src-main/headless/pg-cluster'
import { BENCH_CLOCK } from './bench-host'
import { BENCH_ADMIN, seedRenewalBook } from './renewal-history'
import { regression, saveFigures, type Figure } from './results'
import { measure, ms } from './stats'
import { measureHealth } from './health'

const SECRET = 'bench-secret-long-enough-to-use'
const SAMPLES = Number(process.env.BENCH_REPORT_SAMPLES ?? 60)
const TARGET_MS = 200
const figures: Record<string, Figure> = {}
let missed = 0

async function run(engine: 'sqlite' | 'postgres', dbPath: string): Promise<void> {
  const t0 = performance.now()
  const db = await openDb(dbPath, { now: () => BENCH_CLOCK.now() })
  const quarter = await seedRenewalBook(db, BENCH_CLOCK)
  // Fresh statistics, as the host keeps them (SQLite at close and hourly; PostgreSQL's autovacuum after a bulk load).
  await db.close()
  if (engine === 'postgres') {
    const client = new pg.Client(dbPath)
    await client.connect()
    await client.query('VACUUM ANALYZE')
    await client.end()
  }
  console.log(
    `${engine}: seeded 100,000 accounts with their renewal history in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dbPath,
    jwtSecret: SECRET,
    clock: BENCH_CLOCK,
    rendererDir: '/nonexistent',
    templatesDir: TEMPLATES_DIR,
  })
  const token = signToken(BENCH_ADMIN, SECRET)
  const get = async (path: string) => {
    const response = await host.core.api.fetch(
      new Request(`${host.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } }),
    )
    const text = await response.text()
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`)
    return text
  }
  const month = isoDay(BENCH_CLOCK.now()).slice(0, 7)
  for (const [name, path] of [
    ['forecast (12 months of 100k)', `/reports/forecast?from=${month}&months=12`],
    ['outcomes (a quarter of 100k)', `/reports/outcomes?from=${quarter.from}&to=${quarter.to}`],
  ] as const) {
    const summary = await measure(SAMPLES, 5, () => get(path))
    const key = `reports: ${name} (${engine})`
    figures[key] = { p50: summary.p50, p95: summary.p95 }
    const met = summary.p95 <= TARGET_MS
    if (!met) missed++
    console.log(
      `${name.padEnd(30)} ${engine.padEnd(9)} p50 ${ms(summary.p50)} ms  p95 ${ms(summary.p95)} ms  (n=${summary.samples})  target p95 <= ${TARGET_MS} ms: ${met ? 'met' : 'MISSED'}${regression(key, summary.p95)}`,
    )
  }
  missed += await measureHealth(engine, host.core, figures)
  await host.close()
}

const engines = (process.env.BENCH_REPORT_ENGINES ?? 'sqlite,postgres').split(',')
const sqlite = tempDbPath()
try {
  if (engines.includes('sqlite')) await run('sqlite', sqlite)
} finally {
  rmSync(dirname(sqlite), { recursive: true, force: true })
}
const cluster = !engines.includes('postgres')
  ? null
  : await startPgCluster().catch((error: Error) => {
      console.log(`postgres: not measured here (${error.message.split('\n')[0]}); bench:server runs on it`)
      return null
    })
if (cluster) {
  try {
    await run('postgres', cluster.url)
  } finally {
    cluster.stop()
  }
}
saveFigures(figures)
console.log(missed ? `\n${missed} report target(s) missed` : '\nall report targets met')
