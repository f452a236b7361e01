/**
 * npm run bench (playbooks part): checking a playbook draft over a book of 1,000 workflows (and
 * the sparse book), and previewing a draft's steps on one workflow, through the router.
 */
import { signToken } from '../src-main/core/api/auth'
import { seedOneQueue } from './big-book'
import { BENCH_CLOCK, benchHost } from './bench-host'
import { regression, saveFigures, type Figure } from './results'
import { measure, ms } from './stats'

const SECRET = 'bench-secret-long-enough-to-use'
const TARGETS = { check: 2000, preview: 50 }
const ADMIN = { id: 'admin-bench', email: 'admin-bench@company.com', role: 'admin' as const }

const host = await benchHost(SECRET)
const { store, api } = host.core
seedOneQueue(store, BENCH_CLOCK, 'csm-p', 1_000)
store.insertCsm({ id: ADMIN.id, name: 'Bench admin', email: ADMIN.email, experience: 'senior', role: 'admin' })
const token = signToken(ADMIN, SECRET)
type Step = { id: string; name: string; template: string }
type Answer = { published: { steps: Step[] }; workflows: number; renders: number }
const call = async (method: string, path: string, body?: unknown) => {
  const response = await api.fetch(
    new Request(`${host.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return JSON.parse(text) as Answer
}

// A draft of finalize-renewal with one more step, as an admin would check it before publishing.
const { published } = await call('GET', '/admin/playbooks/finalize-renewal')
const draft = {
  ...published,
  steps: [
    ...published.steps,
    { ...published.steps[0], id: 'security-review', name: 'Security review', template: '<p>{{customer.name}}</p>' },
  ],
}
await call('PUT', '/admin/playbooks/finalize-renewal/draft', draft)

const figures: Record<string, Figure> = {}
let missed = 0
const line = (name: string, summary: { p50: number; p95: number; samples: number }, target: number, note = '') => {
  const key = `playbooks: ${name}`
  figures[key] = { p50: summary.p50, p95: summary.p95 }
  const met = summary.p95 <= target
  if (!met) missed++
  console.log(
    `${name.padEnd(40)} p50 ${ms(summary.p50)} ms  p95 ${ms(summary.p95)} ms  (n=${summary.samples})  target p95 <= ${target} ms: ${met ? 'met' : 'MISSED'}${note}${regression(key, summary.p95)}`,
  )
}

let checked = { workflows: 0, renders: 0 }
const check = await measure(8, 1, async () => {
  const answer = await call('POST', '/admin/playbooks/finalize-renewal/draft/check')
  checked = { workflows: answer.workflows, renders: answer.renders }
})
line(
  'check a draft over 1,000 workflows',
  check,
  TARGETS.check,
  `  [${checked.workflows} workflows, ${checked.renders} renders]`,
)
const preview = await measure(200, 20, (i) =>
  call('POST', `/admin/playbooks/finalize-renewal/draft/preview?workflowId=wf-u${i % 1000}`, { playbook: draft }),
)
line('preview a draft on one workflow', preview, TARGETS.preview)

await host.dispose()
saveFigures(figures)
console.log(missed ? `\n${missed} playbook target(s) missed` : '\nall playbook targets met')
