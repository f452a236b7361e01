/**
 * npm run bench:server: 200 desks (100 CSMs on two devices each; `--desks N`) against one team
 * server (`--instances 2`: two on one PostgreSQL; `--route csm` sends a CSM's devices to the
 * same one), on PostgreSQL and then on SQLite, all on loopback. Every desk makes its first sync at once (its book, backing off when told), then holds
 * an event stream, pushes a few changes a minute (some resent, as a lost answer makes a desk do)
 * and pulls what its other device's events name. Once all have synced, BENCH_SERVER_SECONDS (30)
 * of steady pushes give the throughput, push, pull and event figures; then on PostgreSQL an admin
 * imports a 50,000-account file while the desks keep pushing, and the pushes made meanwhile are
 * reported apart (each answers in its normal time, or 503 with Retry-After; none waits on the
 * import). Lost and duplicated changes are counted over the whole run.
 */
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { signToken } from '../src-main/core/api/auth'
import { definitionOf } from '../src-main/core/domain/definitions'
import { seededRandom } from '../src-main/core/demo/random'
import type { Db } from '../src-main/core/store/db'
import { openDb } from '../src-main/core/store/open'
import { Health } from '../src-main/core/health/health'
import { isoDay } from '../src-main/core/clock'
import { tempDbPath } from '../src-main/core/testing'
import { startPgCluster } from '../src-main/headless/pg-cluster'
import { workflowRows } from '../src-main/core/demo/generated-book'
import { BENCH_CLOCK, serveInChild } from './bench-host'
import { measureCalibration } from './calibration'
import {
  CALIBRATION,
  readFigures,
  regression,
  saveFigures,
  SERVER_BASELINE,
  SERVER_LAST,
  speedScale,
  type Figure,
} from './results'
import { ms, summarize } from './stats'
import { openStream, request } from './http-client'

const SECRET = 'bench-server-secret-long-enough'
const DEVICES = 2
/** `--desks N` (200): N / 2 CSMs on two devices each. `--instances 2`: two servers on one PostgreSQL. */
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a whole number`)
  return value
}
const DESKS = flag('desks', 200)
const INSTANCES = flag('instances', 1)
/**
 * `--route csm`: a CSM's devices reach the same instance (a load balancer with sticky users), so
 * their book is read once. By default each desk goes round the instances, as one that knows
 * nothing of users sends them: a CSM's two devices land on different instances.
 */
const ROUTE = process.argv.includes('--route') ? process.argv[process.argv.indexOf('--route') + 1] : 'desk'
if (ROUTE !== 'desk' && ROUTE !== 'csm') throw new Error('--route takes desk or csm')
const CSMS = Math.ceil(DESKS / DEVICES)
const PER_CSM = 20
const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 30)
/** Each desk pushes about this many changes a minute. */
const PER_MINUTE = 6
const RESEND = 0.05

const IMPORT_ROWS = 50_000
const ADMIN = { id: 'admin-1', email: 'admin@company.com', role: 'admin' as const }

/** A CRM export of the team's accounts and 50,000 new ones, owned round the team. */
function bigExport(): string {
  const today = isoDay(BENCH_CLOCK.now())
  const lines = ['Account ID,Account Name,Website,ARR,Renewal Date,Account Owner']
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const renewal = new Date(Date.parse(today) + ((i % 420) - 30) * 86_400_000).toISOString().slice(0, 10)
    lines.push(
      `IMP-${i},Imported ${i},imported${i}.com,${50_000 + (i % 97) * 1000},${renewal},csm-${i % CSMS}@company.com`,
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * The team and its book, scored as a running server keeps it (hourly): a server restarted on a
 * Monday morning finds today's scores there, so the first syncs do not share the start with a rescoring.
 */
async function seedTeam(db: Db): Promise<void> {
  const random = seededRandom(7)
  const today = isoDay(BENCH_CLOCK.now())
  await db.write(async (tx) => {
    await tx.insertCsm({ id: ADMIN.id, name: 'Admin', email: ADMIN.email, experience: 'senior', role: 'admin' })
    for (let c = 0; c < CSMS; c++) {
      const id = `csm-${c}`
      await tx.insertCsm({ id, name: `CSM ${c}`, email: `${id}@company.com`, experience: 'senior', role: 'csm' })
      for (let w = 0; w < PER_CSM; w++) {
        const { customer, workflow } = workflowRows(random, today, `${c}-${w}`, id, 'pending')
        await tx.insertCustomer(customer)
        await tx.insertWorkflow(workflow)
      }
    }
  })
  await new Health(db, BENCH_CLOCK, () => BENCH_CLOCK.now()).keepCurrent()
}

/** Where each context's workflow starts in a book's text, with its id and type. */
const WORKFLOW_HEAD = /"workflow":\{"id":"([^"\\]+)","type":"([^"\\]+)"/g

/**
 * What a desk of the bench keeps of its book: the workflows it will work on, picked out of the
 * text. Parsing 1,000 books took the load generator 0.55 s of the first syncs' 3.4 s on the
 * server's cores; a real desk parses its own on its own machine. A book of another shape is parsed.
 */
function workflowsOf(text: string): { id: string; type: string }[] {
  const found = [...text.matchAll(WORKFLOW_HEAD)].map(([, id, type]) => ({ id: id!, type: type! }))
  if (found.length === PER_CSM && text.endsWith('"next":null}')) return found
  const book = JSON.parse(text) as { contexts: { workflow: { id: string; type: string } }[] }
  return book.contexts.map(({ workflow: { id, type } }) => ({ id, type }))
}

interface Tally {
  push: number[]
  /** Each push: when it was sent, how long it took, and its status (to tell those made during the import). */
  pushes: { at: number; ms: number; status: number }[]
  pull: number[]
  firstSync: number[]
  /** First-sync requests the server refused as busy (503), each retried after its Retry-After. */
  refused: number
  /** Pulls after an event that got no answer (the run ending under them). */
  pullsFailed: number
  /** Event streams that ended or were refused before the run did (each costs the events it would have carried). */
  streamsLost: number
  delivery: number[]
  pushed: number
  failed: number
  /** What the server must hold at the end: started workflows and steps recorded, by workflow. */
  started: Set<string>
  steps: Map<string, number>
}

/** A process's peak resident memory (Linux), in MB; 0 where /proc is not there. */
function peakRssMb(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 1024) : 0
  } catch {
    return 0
  }
}

/** CPU seconds a process has used so far (Linux /proc; user and system, at 100 ticks a second). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** Busy CPU seconds of the whole machine so far (Linux /proc/stat: all but idle and iowait); 0 elsewhere. */
function machineCpuSeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1)
      .map(Number)
    return (user! + nice! + system! + irq! + softirq! + steal!) / 100
  } catch {
    return 0
  }
}

/** Where the CPU went so far: the desks (this process, the load generator), each server, the whole machine. */
function cpuNow(servers: readonly { child: ChildProcess }[]) {
  const desks = process.cpuUsage()
  return {
    wall: performance.now() / 1000,
    desks: (desks.user + desks.system) / 1e6,
    servers: servers.map((sv) => cpuSeconds(sv.child.pid!)),
    machine: machineCpuSeconds(),
  }
}

/** The CPU a phase took, as a report line's tail. */
function cpuSpent(from: ReturnType<typeof cpuNow>, to: ReturnType<typeof cpuNow>): string {
  const servers = to.servers.map((s, i) => s - from.servers[i]!)
  const desks = to.desks - from.desks
  const rest = to.machine - from.machine - desks - servers.reduce((a, b) => a + b, 0)
  return (
    `CPU over ${(to.wall - from.wall).toFixed(1)} s on ${availableParallelism()} cores: the desks (this process) ${desks.toFixed(1)} s, ` +
    `the server(s) ${servers.map((c) => `${c.toFixed(1)} s`).join(' + ')}, PostgreSQL and the rest ${Math.max(0, rest).toFixed(1)} s`
  )
}

async function run(engine: 'postgres' | 'sqlite', dbPath: string): Promise<void> {
  const db = await openDb(dbPath, { now: () => BENCH_CLOCK.now() })
  await seedTeam(db)
  await db.close()
  // Two instances share one database (PostgreSQL only: SQLite's changes reach one process's streams).
  const instances = engine === 'postgres' ? INSTANCES : 1
  const servers = await Promise.all(Array.from({ length: instances }, () => serveInChild(dbPath, SECRET)))
  const apiOf = (desk: number) =>
    `${servers[(ROUTE === 'csm' ? Math.floor(desk / DEVICES) : desk) % instances]!.url}/api`
  const tally: Tally = {
    push: [],
    pushes: [],
    pull: [],
    firstSync: [],
    refused: 0,
    streamsLost: 0,
    pullsFailed: 0,
    delivery: [],
    pushed: 0,
    failed: 0,
    started: new Set(),
    steps: new Map(),
  }
  /** When each change was sent, by workflow: the other device's event closes the measurement. */
  const sentAt = new Map<string, number>()
  const random = seededRandom(11)
  const streams: { stop(): void }[] = []
  /**
   * The run's phases: first syncs, then SECONDS of steady pushes (the push and event targets are
   * measured there), then on PostgreSQL the import while the desks keep pushing; then the desks stop.
   */
  const phase = { synced: 0, steadyFrom: Infinity, steadyTo: Infinity, stopped: false }
  let allSynced = () => {}
  const synced = new Promise<void>((r) => (allSynced = r))

  const desk = async (csm: number, device: number) => {
    const api = apiOf(csm * DEVICES + device)
    const id = `csm-${csm}`
    const token = signToken({ id, email: `${id}@company.com`, role: 'csm' }, SECRET)
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const post = (path: string, body: unknown, key?: string) =>
      request('POST', `${api}${path}`, key ? { ...headers, 'idempotency-key': key } : headers, JSON.stringify(body))
    // First sync: the CSM's book in one answer (a desk's first sync), backing off when told.
    const t0 = performance.now()
    const workflows = await readBook(`${api}/workflows/book`, headers)
    const ids = workflows.map((w) => w.id)
    if (++phase.synced === CSMS * DEVICES) allSynced()
    tally.firstSync.push(performance.now() - t0)

    let opened = () => {}
    const open = new Promise<void>((r) => (opened = r))
    streams.push(
      openStream(`${api}/events`, headers, {
        open: opened,
        lost: () => {
          tally.streamsLost++
          opened()
        },
        event: (event) => {
          const { workflowId } = JSON.parse(event.data) as { workflowId?: string }
          if (!workflowId || ids.indexOf(workflowId) % DEVICES === device) return // its own change
          const sent = sentAt.get(workflowId)
          if (sent !== undefined && steady(sent)) tally.delivery.push(performance.now() - sent)
          const t = performance.now()
          void post('/workflows/contexts', { ids: [workflowId] }).then(
            (r) => {
              r.json()
              if (steady(t)) tally.pull.push(performance.now() - t)
            },
            () => tally.pullsFailed++,
          )
        },
      }),
    )
    await open

    // This device works on its share of the CSM's workflows, one change at a time.
    const mine = workflows.filter((_, i) => i % DEVICES === device)
    const progress = new Map(mine.map((w) => [w.id, -1])) // -1: pending; n: steps recorded
    let n = 0
    while (!phase.stopped) {
      await new Promise((r) => setTimeout(r, (60_000 / PER_MINUTE) * (0.5 + random())))
      if (phase.stopped) break
      const open = mine.filter((w) => progress.get(w.id)! < definitionOf(w.type as never).steps.length - 1)
      const w = open[Math.floor(random() * open.length)]
      if (!w) break
      const done = progress.get(w.id)!
      const step = done >= 0 ? definitionOf(w.type as never).steps[done]! : null
      const path = step ? `/workflows/${w.id}/steps/${step.id}/complete` : `/workflows/${w.id}/start`
      const body = step
        ? { duration: 60, outputs: { decision: step.outputs.decision.options[0]!.value, notes: 'bench' } }
        : { csmId: id }
      const key = `bench-${csm}-${device}-${n++}`
      sentAt.set(w.id, performance.now())
      const t = performance.now()
      const answer = await post(path, body, key)
      if (steady(t)) tally.push.push(performance.now() - t)
      tally.pushes.push({ at: t, ms: performance.now() - t, status: answer.status })
      answer.json()
      if (answer.status !== 200) {
        tally.failed++
        continue
      }
      tally.pushed++
      progress.set(w.id, done + 1)
      if (step) tally.steps.set(w.id, (tally.steps.get(w.id) ?? 0) + 1)
      else tally.started.add(w.id)
      if (random() < RESEND) (await post(path, body, key)).json() // the answer was "lost": resend
    }
  }

  /** A desk's book, asked again after each Retry-After it is told (plus up to as long again, as a desk backs off). */
  const readBook = async (url: string, headers: Record<string, string>) => {
    for (;;) {
      const answer = await request('GET', url, headers)
      if (answer.status !== 503) return workflowsOf(answer.text)
      tally.refused++
      const after = Number(answer.header('retry-after') ?? 5)
      await new Promise((r) => setTimeout(r, after * 1000 * (1 + random())))
    }
  }
  const steady = (at: number) => at >= phase.steadyFrom && at < phase.steadyTo
  // Whose CPU the first syncs and the whole run take: the load generator's is not the server's.
  const cpuAtStart = cpuNow(servers)
  let cpuSynced = cpuAtStart
  // Once every desk has synced: the steady window; then, on PostgreSQL, an admin imports a big
  // file while the desks keep pushing; then they stop.
  let importWindow: { from: number; to: number; status: number } | null = null
  const importing = synced
    .then(async () => {
      cpuSynced = cpuNow(servers)
      phase.steadyFrom = performance.now()
      phase.steadyTo = phase.steadyFrom + SECONDS * 1000
      await new Promise((r) => setTimeout(r, SECONDS * 1000))
    })
    .then(() =>
      engine === 'postgres'
        ? (async () => {
            const file = bigExport()
            const from = performance.now()
            const answer = await request(
              'POST',
              `${apiOf(0)}/admin/import?kind=accounts&dateFormat=YMD`,
              { authorization: `Bearer ${signToken(ADMIN, SECRET)}`, 'content-type': 'text/plain' },
              file,
            )
            importWindow = { from, to: performance.now(), status: answer.status }
          })()
        : undefined,
    )
    .then(() => (phase.stopped = true))
  await Promise.all([
    ...Array.from({ length: CSMS * DEVICES }, (_, i) => desk(Math.floor(i / DEVICES), i % DEVICES)),
    importing,
  ])
  await new Promise((r) => setTimeout(r, 1000)) // the last events and pulls
  for (const stream of streams) stream.stop()
  const peakRss = servers.map((s) => peakRssMb(s.child.pid!))
  const cpuAtEnd = cpuNow(servers)
  for (const server of servers) {
    server.child.kill('SIGTERM')
    await new Promise((r) => server.child.once('exit', r))
  }

  // What the server holds against what the desks were told.
  const check = await openDb(dbPath)
  let lost = 0
  let duplicated = 0
  await check.read(async (tx) => {
    for (let c = 0; c < CSMS; c++) {
      for (const row of await tx.activeQueue(`csm-${c}`)) {
        const recorded = (await tx.stepResults(row.id)).length
        const expected = tally.steps.get(row.id) ?? 0
        if (tally.started.has(row.id) && row.status === 'pending') lost++
        if (recorded < expected) lost += expected - recorded
        if (recorded > expected) duplicated += recorded - expected
      }
    }
  })
  await check.close()

  /** A figure's line; kept in bench/server-last.json and flagged REGRESSED against the baseline, scaled. */
  const line = (name: string, samples: number[]) => {
    const s = summarize(samples)
    const routed = instances > 1 && ROUTE === 'csm' ? ', by CSM' : ''
    const key = `server: ${name} (${engine}, ${CSMS * DEVICES} desks, ${instances} instance(s)${routed})`
    figures[key] = { p50: s.p50, p95: s.p95 }
    return `${name} p50 ${ms(s.p50)} ms  p95 ${ms(s.p95)} ms  (${s.samples})${regression(key, s.p95, baseline, scale)}`
  }
  const push = summarize(tally.push)
  const delivery = summarize(tally.delivery)
  const firstSync = summarize(tally.firstSync)
  const firstSyncTarget = CSMS * DEVICES >= 1000 ? 3000 : 1000
  const routing = instances > 1 ? (ROUTE === 'csm' ? ', a CSM’s devices on one' : ', desks round the instances') : ''
  console.log(`\n${engine}: ${CSMS * DEVICES} desks on ${instances} instance(s)${routing}, ${SECONDS} s`)
  console.log(
    `  throughput: ${(tally.push.length / SECONDS).toFixed(1)} changes/s in the steady ${SECONDS} s (${tally.pushed} pushed in all, ${tally.failed} refused)`,
  )
  console.log(
    `  ${line('first sync, all at once', tally.firstSync)}, ${tally.refused} told to come back  target p95 <= ${firstSyncTarget} ms: ${firstSync.p95 <= firstSyncTarget ? 'met' : 'MISSED'}`,
  )
  console.log(`    the first syncs' ${cpuSpent(cpuAtStart, cpuSynced)}`)
  console.log(`  server peak RSS: ${peakRss.map((mb) => `${mb} MB`).join(', ')}`)
  console.log(`  the whole run's ${cpuSpent(cpuAtStart, cpuAtEnd)}`)
  console.log(`  ${line('push', tally.push)}  target p95 <= 50 ms: ${push.p95 <= 50 ? 'met' : 'MISSED'}`)
  console.log(`  ${line('pull', tally.pull)}`)
  console.log(
    `  ${line('change to event at the other device', tally.delivery)}  target p95 <= 500 ms: ${delivery.p95 <= 500 ? 'met' : 'MISSED'}`,
  )
  console.log(
    `  lost ${lost}, duplicated ${duplicated}  target 0 and 0: ${lost === 0 && duplicated === 0 ? 'met' : 'MISSED'}` +
      (tally.streamsLost ? `; ${tally.streamsLost} event streams ended early` : '') +
      (tally.pullsFailed ? `; ${tally.pullsFailed} pulls after an event got no answer` : ''),
  )
  const window = importWindow as { from: number; to: number; status: number } | null
  if (window) {
    const during = tally.pushes.filter((p) => p.at >= window.from && p.at <= window.to)
    const busy = during.filter((p) => p.status === 503).length
    const other = during.filter((p) => p.status !== 200 && p.status !== 503).length
    const slowest = Math.max(0, ...during.map((p) => p.ms))
    console.log(
      `  import of ${IMPORT_ROWS.toLocaleString('en-US')} accounts (answer ${window.status}) took ${ms(window.to - window.from)} ms;` +
        ` ${line(
          'pushes meanwhile',
          during.map((p) => p.ms),
        )}, ${busy} answered 503, ${other} other failures,` +
        ` slowest ${ms(slowest)} ms  target none past 13,000 ms (3 s lock wait + 10 s pool wait): ${slowest <= 13_000 && other === 0 ? 'met' : 'MISSED'}`,
    )
  }
}

// The yardstick first, on a quiet machine: the figures compare with the baseline at this machine's speed.
const calibration = await measureCalibration()
const baseline = readFigures(SERVER_BASELINE)
const scale = speedScale({ [CALIBRATION]: calibration }, baseline)
const figures: Record<string, Figure> = { [CALIBRATION]: calibration }
const external = process.env.CSMDESK_TEST_PG_URL
const cluster = external ? null : await startPgCluster()
/** BENCH_SERVER_ENGINES=postgres (or sqlite) runs one engine only. */
const engines = (process.env.BENCH_SERVER_ENGINES ?? 'postgres,sqlite').split(',')
try {
  if (engines.includes('postgres')) await run('postgres', external ?? cluster!.url.replace(/\/postgres$/, '/postgres'))
  if (engines.includes('sqlite')) await run('sqlite', tempDbPath())
} finally {
  cluster?.stop()
}
saveFigures(figures, { fresh: true, file: SERVER_LAST })
console.log(
  `\nbench:server: this machine runs at ${scale.toFixed(2)}x the baseline's time (${CALIBRATION});` +
    ` figures in bench/server-last.json${process.argv.includes('--save') ? ', now the baseline too' : ''}`,
)
if (process.argv.includes('--save')) saveFigures(figures, { fresh: true, file: SERVER_BASELINE })
