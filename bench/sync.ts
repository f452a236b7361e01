/**
 * npm run bench (sync part): the first sync of a CSM with 1,000 workflows and their contexts
 * from the reference server, and a push of 1,000 outbox entries, over loopback.
 */
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { signToken } from '../src-main/core/api/auth'
import { createDeskCore } from '../src-main/core'
import { definitionOf } from '../src-main/core/domain/definitions'
import { TEMPLATES_DIR, tempDbPath } from '../src-main/core/testing'
import { seedOneQueue } from './big-book'
import { BENCH_CLOCK, benchHost } from './bench-host'
import { saveFigures } from './results'
import { ms } from './stats'

const SECRET = 'bench-team-secret-long-enough'
const CSM = 'csm-ui'
const clock = BENCH_CLOCK
const server = await benchHost(SECRET)
seedOneQueue(server.core.store, clock, CSM, 1000)
const user = { id: CSM, email: `${CSM}@company.com`, role: 'csm' as const }
const token = signToken(user, SECRET)

const localDb = tempDbPath()
let start = performance.now()
const local = await createDeskCore({
  dbPath: localDb,
  jwtSecret: 'local-secret-long-enough-here',
  clock,
  templatesDir: TEMPLATES_DIR,
  upstream: { url: `${server.url}/api`, token, intervalSeconds: 3600 },
})
const engine = local.sync.engine!
let status = await engine.sync()
const firstSync = performance.now() - start
const pulled = local.store.activeWorkflowIds(CSM).length
console.log(
  `first sync: ${pulled} workflows with their contexts in ${ms(firstSync)} ms  target <= 1000 ms: ${firstSync <= 1000 && status.lastError === null ? 'met' : 'MISSED'}`,
)

// 1,000 local changes made while signed out, then pushed in one sync.
engine.signOut()
const me = { ...user, name: CSM }
for (const id of local.store.activeWorkflowIds(CSM)) {
  const wf = local.store.workflow(id)!
  if (wf.status === 'pending') await local.workflows.start(me, id, { csmId: CSM })
  else {
    const step = definitionOf(wf.type).steps[local.store.stepResults(id).length]!
    await local.workflows.completeStep(me, id, step.id, {
      duration: 60,
      outputs: { decision: step.outputs.decision.options[0]!.value, notes: 'bench' },
    })
  }
}
const entries = local.store.outboxCounts().pending
const pushPaths = new Set<string>()
const originalPush = server.core.store.recordIdempotency.bind(server.core.store)
let pushedAt = 0
server.core.store.recordIdempotency = (row) => {
  originalPush(row)
  pushPaths.add(row.key)
  if (pushPaths.size === entries) pushedAt = performance.now()
}
start = performance.now()
local.sync.configure(`${server.url}/api`, token)
status = await engine.sync()
const total = performance.now() - start
const push = pushedAt - start
console.log(
  `push: ${entries} outbox entries in ${ms(push)} ms  target <= 5000 ms: ${push <= 5000 && status.pending === 0 ? 'met' : 'MISSED'}  (with the pull after it: ${ms(total)} ms)`,
)

saveFigures({
  'sync: first sync of 1,000 workflows': { p50: firstSync, p95: firstSync },
  'sync: push of 1,000 changes': { p50: push, p95: push },
})
await local.close()
await server.dispose()
rmSync(dirname(localDb), { recursive: true, force: true })
