/**
 * npm run bench: p50/p95 per API operation, in-process through the router and over real HTTP,
 * beside a floor (the same reads straight from better-sqlite3, shaped and stringified).
 */
import { isDeepStrictEqual } from 'node:util'
import { signToken } from '../src-main/core/api/auth'
import { definitionOf } from '../src-main/core/domain/definitions'
import { QUEUE_50, QUEUE_500, seedBigBook } from './big-book'
import { BENCH_CLOCK, benchHost } from './bench-host'
import { floorReads } from './floor'
import { CALIBRATION, regression, saveFigures, type Figure } from './results'
import { measure, measurePair, ms, type Summary } from './stats'

const N = Number(process.env.BENCH_SAMPLES ?? 2000)
const WARMUP = 1000
const SECRET = 'bench-secret-long-enough-to-use'
const clock = BENCH_CLOCK
const host = await benchHost(SECRET)
const { store, api } = host.core
const t0 = performance.now()
const { writerWorkflows } = seedBigBook(store, clock)
console.log(
  `seeded ${store.db.prepare('SELECT count(*) AS n FROM workflows').pluck().get()} workflows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
)
store.db.pragma('optimize')

const tokens = new Map<string, string>()
const tokenOf = (csmId: string) => {
  if (!tokens.has(csmId))
    tokens.set(csmId, signToken({ id: csmId, email: `${csmId}@company.com`, role: 'csm' }, SECRET))
  return tokens.get(csmId)!
}
const csmOf = (workflowId: string) => store.workflow(workflowId)!.assigned_to
const demoUserOf = (csmId: string) => ({ id: csmId, email: `${csmId}@company.com`, role: 'csm' as const })

/** A caller that sends through `send` (the in-process router or real HTTP) and reads the whole answer. */
function caller(send: (request: Request) => Response | Promise<Response>) {
  return async (method: string, path: string, csmId: string, body?: unknown): Promise<string> => {
    const response = await send(
      new Request(`${host.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${tokenOf(csmId)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    const text = await response.text()
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return text
  }
}
const inProcess = caller((request) => api.fetch(request))
const overHttp = caller((request) => fetch(request))

const floor = floorReads(store.db, clock)

/** The router may cost at most this much more than the floor, at p50 and p95. */
const MAX_RATIO = 1.5
const results: { name: string; via: string; summary: Summary; floor?: Summary; target?: number; missed: boolean }[] = []
const figures: Record<string, Figure> = {}
const record = (name: string, via: string, summary: Summary, extra: { floor?: Summary; target?: number } = {}) => {
  const ratios = extra.floor ? [summary.p50 / extra.floor.p50, summary.p95 / extra.floor.p95] : []
  // Over HTTP the floor is only a reference (it has no network); the ratio target is the router's.
  const ratioMissed = via === 'router' && ratios.some((r) => r > MAX_RATIO)
  const missed = (extra.target !== undefined && summary.p95 > extra.target) || ratioMissed
  results.push({ name, via, summary, ...extra, missed })
  const key = `api: ${name} (${via})`
  figures[key] = { p50: summary.p50, p95: summary.p95 }
  const floor = extra.floor
    ? `  floor p50 ${ms(extra.floor.p50)} p95 ${ms(extra.floor.p95)}  ratio p50 ${ratios[0]!.toFixed(2)}x p95 ${ratios[1]!.toFixed(2)}x` +
      (via === 'router' ? ` (<= ${MAX_RATIO}x: ${ratioMissed ? 'MISSED' : 'met'})` : '')
    : ''
  const target = extra.target
    ? `  target p95 <= ${extra.target} ms: ${summary.p95 <= extra.target ? 'met' : 'MISSED'}`
    : ''
  console.log(
    `${name.padEnd(22)} ${via.padEnd(10)} p50 ${ms(summary.p50)} ms  p95 ${ms(summary.p95)} ms  (n=${summary.samples})${floor}${target}${regression(key, summary.p95)}`,
  )
}

// Reads. The floor must answer exactly what the router answers, or the ratio means nothing.
const contextIds = store.activeQueue(QUEUE_500).map((r) => r.id)
for (const [what, router, raw] of [
  ['queue', await inProcess('GET', `/workflows/queue/${QUEUE_50}`, QUEUE_50), floor.queue(QUEUE_50)],
  ['context', await inProcess('GET', `/workflows/${contextIds[0]}/context`, QUEUE_500), floor.context(contextIds[0]!)],
]) {
  if (!isDeepStrictEqual(JSON.parse(router!), JSON.parse(raw!)))
    throw new Error(`the floor's ${what} differs from the router's`)
}
// Every path is warmed up first so that no path pays for the JIT of another.
for (let i = 0; i < WARMUP; i++) {
  floor.queue(QUEUE_50)
  floor.context(contextIds[i % contextIds.length]!)
  await inProcess('GET', `/workflows/queue/${QUEUE_50}`, QUEUE_50)
  await inProcess('GET', `/workflows/${contextIds[i % contextIds.length]}/context`, QUEUE_500)
}
const [q50, q50Floor] = await measurePair(
  N,
  WARMUP,
  () => inProcess('GET', `/workflows/queue/${QUEUE_50}`, QUEUE_50),
  () => floor.queue(QUEUE_50),
)
// The yardstick of this run, saved first so that every figure after it is compared at this machine's speed.
saveFigures({ [CALIBRATION]: { p50: q50Floor.p50, p95: q50Floor.p95 } }, { fresh: true })
record('queue (50)', 'router', q50, { floor: q50Floor, target: 3 })
record(
  'queue (50)',
  'http',
  await measure(N, WARMUP, () => overHttp('GET', `/workflows/queue/${QUEUE_50}`, QUEUE_50)),
  { floor: q50Floor, target: 5 },
)
const [q500, q500Floor] = await measurePair(
  N,
  WARMUP,
  () => inProcess('GET', `/workflows/queue/${QUEUE_500}`, QUEUE_500),
  () => floor.queue(QUEUE_500),
)
record('queue (500 of 100k)', 'router', q500, { floor: q500Floor, target: 20 })
record(
  'queue (500 of 100k)',
  'http',
  await measure(N, WARMUP, () => overHttp('GET', `/workflows/queue/${QUEUE_500}`, QUEUE_500)),
  { floor: q500Floor },
)
const [ctx, ctxFloor] = await measurePair(
  N,
  WARMUP,
  (i) => inProcess('GET', `/workflows/${contextIds[i % contextIds.length]}/context`, QUEUE_500),
  (i) => floor.context(contextIds[i % contextIds.length]!),
)
record('context', 'router', ctx, { floor: ctxFloor, target: 2 })
record(
  'context',
  'http',
  await measure(N, WARMUP, (i) =>
    overHttp('GET', `/workflows/${contextIds[i % contextIds.length]}/context`, QUEUE_500),
  ),
  { floor: ctxFloor },
)

// Step content: the template is compiled at start; this is the render over the context.
const sampleCsm = demoUserOf(QUEUE_500)
record(
  'render step content',
  'core',
  await measure(N, WARMUP, (i) => {
    const id = contextIds[i % contextIds.length]!
    const step = definitionOf(store.workflow(id)!.type).steps[0]!
    return host.core.content.content(sampleCsm, id, step.id)
  }),
  { target: 1 },
)
record(
  'step content',
  'router',
  await measure(N, WARMUP, (i) => {
    const id = contextIds[i % contextIds.length]!
    return inProcess(
      'GET',
      `/workflows/${id}/steps/${definitionOf(store.workflow(id)!.type).steps[0]!.id}/content`,
      QUEUE_500,
    )
  }),
)

// Writes: each sample uses a workflow of its own, in progress at its first step.
let next = 0
const take = () => writerWorkflows[next++]!
const stepBody = (id: string) => {
  const step = definitionOf(store.workflow(id)!.type).steps[0]!
  return {
    path: `/workflows/${id}/steps/${step.id}/complete`,
    body: { duration: 300, outputs: { decision: step.outputs.decision.options[0]!.value, notes: 'Benchmark step' } },
  }
}
const runStep = (via: typeof inProcess) => () => {
  const id = take()
  const { path, body } = stepBody(id)
  return via('POST', path, csmOf(id), body)
}
const runComplete = (via: typeof inProcess) => () => {
  const id = take()
  return via('POST', `/workflows/${id}/complete`, csmOf(id), {
    totalDuration: 1200,
    status: 'success',
    outcomes: { notes: 'Benchmark' },
  })
}
record('complete step', 'router', await measure(N, WARMUP, runStep(inProcess)), { target: 3 })
record('complete step', 'http', await measure(N, WARMUP, runStep(overHttp)))
record('complete workflow', 'router', await measure(N, WARMUP, runComplete(inProcess)))
record('complete workflow', 'http', await measure(N, WARMUP, runComplete(overHttp)))

await host.dispose()
saveFigures(figures)
const missed = results.filter((r) => r.missed)
console.log(missed.length ? `\n${missed.length} target(s) missed` : '\nall targets met')
