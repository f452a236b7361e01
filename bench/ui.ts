/**
 * npm run bench (UI part): what a CSM feels, in headless Chromium against the headless host,
 * for a CSM with 1,000 workflows. Each figure is timed in the page, from the user's action to
 * what they wait for on screen:
 * - navigation to the first queue rows;
 * - a keystroke in search to the updated list;
 * - a click on a queue row to the workflow screen with its step content and context panel;
 * - "Complete step" to the next step's content;
 * - opening Settings.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { fillStepOutcome } from '../e2e/step-form'
import { seedOneQueue } from './big-book'
import { BENCH_CLOCK, serveInChild } from './bench-host'
import { Store } from '../src-main/core/store/store'
import { tempDbPath } from '../src-main/core/testing'
import { regression, saveFigures, type Figure } from './results'
import { summarize } from './stats'

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 20)
const SECRET = 'bench-secret-long-enough-to-use'
const CSM = 'csm-ui'
const rendererDir = resolve('out/renderer')
if (!existsSync(rendererDir)) throw new Error('Build the renderer first: npm run build')

// The host in a process of its own, as users run it: the browser's driver here never slows it.
const dbPath = tempDbPath()
const seeding = new Store(dbPath)
seedOneQueue(seeding, BENCH_CLOCK, CSM, 1000)
const inProgress = seeding
  .activeQueue(CSM)
  .filter((r) => r.status === 'in_progress')
  .map((r) => r.id)
seeding.close()
const host = await serveInChild(dbPath, SECRET)
const token = signToken({ id: CSM, email: `${CSM}@company.com`, role: 'csm' }, SECRET)
const browser = await chromium.launch(chromiumLaunchOptions())

/** Runs `act` in the page and resolves when `ready` holds, checking on every DOM change; ms between. */
function timed(page: Page, act: string, ready: string): Promise<number> {
  // A string, so the page's DOM types stay out of this Node file.
  return page.evaluate(`new Promise((resolve, reject) => {
    const isReady = () => (${ready})
    const t0 = performance.now()
    const done = () => {
      observer.disconnect()
      clearTimeout(timeout)
      resolve(performance.now() - t0)
    }
    const observer = new MutationObserver(() => isReady() && done())
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    const timeout = setTimeout(() => {
      observer.disconnect()
      reject(new Error('never ready: ' + ${JSON.stringify(ready)}))
    }, 10000)
    ;(() => { ${act} })()
    if (isReady()) done()
  })`) as Promise<number>
}

const ROWS = `document.querySelectorAll('.vlist-body [role=row]')`
const STEP_READY = `!!document.querySelector('.rendered')?.textContent && (document.querySelector('[aria-label="Customer context"]')?.textContent?.length ?? 0) > 100`

const figures = {
  navigation: [] as number[],
  search: [] as number[],
  open: [] as number[],
  step: [] as number[],
  settings: [] as number[],
}
let rendered = 0
for (let run = 0; run < RUNS + 2; run++) {
  const warm = run >= 2
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  // The page's own clock, from navigation start to the first queue row in the DOM.
  await page.addInitScript(`new MutationObserver((_, observer) => {
    if (!document.querySelector('.vlist-body [role=row]')) return
    window.__rowsAt = performance.now()
    observer.disconnect()
  }).observe(document, { subtree: true, childList: true })`)
  await page.goto(`${host.url}/#token=${token}`)
  await page.locator('.vlist-body [role=row]').first().waitFor({ state: 'visible' })
  if (warm) figures.navigation.push((await page.evaluate('window.__rowsAt')) as number)
  rendered = await page.locator('.vlist-body [role=row]').count()

  // A keystroke in search (React handles input as a discrete event), then back to everything.
  const type = (text: string) =>
    `const input = document.querySelector('input[type=search]');
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(text)});
     input.dispatchEvent(new Event('input', { bubbles: true }))`
  const searched = await timed(
    page,
    type('Customer u1'),
    `${ROWS}.length > 0 && [...${ROWS}].every((r) => r.textContent.includes('Customer u1'))`,
  )
  if (warm) figures.search.push(searched)
  await timed(page, type(''), `${ROWS}.length > 12`)

  // Open the third row.
  const opened = await timed(page, `${ROWS}[2].querySelector('button.link').click()`, STEP_READY)
  if (warm) figures.open.push(opened)

  // Complete the current step of an in-progress workflow, once its form is filled.
  const id = inProgress[run % inProgress.length]!
  await page.goto(`${host.url}/#/workflow/${id}`)
  await page.getByRole('form', { name: 'Step outcome' }).waitFor({ state: 'visible' })
  await fillStepOutcome(page, 'bench')
  const title = await page.locator('#step-title').textContent()
  const stepped = await timed(
    page,
    `[...document.querySelectorAll('form[aria-label="Step outcome"] button')].find((b) => /Complete step/.test(b.textContent)).click()`,
    `(document.querySelector('#step-title')?.textContent ?? ${JSON.stringify(title)}) !== ${JSON.stringify(title)} && !!document.querySelector('.rendered')?.textContent || !!document.querySelector('form[aria-label="Complete workflow"]')`,
  )
  if (warm) figures.step.push(stepped)

  // Settings, from the queue.
  await page.goto(`${host.url}/#/`)
  await page.locator('.vlist-body [role=row]').first().waitFor({ state: 'visible' })
  const settings = await timed(
    page,
    `[...document.querySelectorAll('a')].find((a) => a.textContent === 'Settings').click()`,
    `!!document.querySelector('main.settings h1') && !!document.querySelector('section[aria-label="Team server"] form, section[aria-label="Team server"] dl, section[aria-label="Team server"] p')`,
  )
  if (warm) figures.settings.push(settings)
  await page.close()
}
await browser.close()
host.child.kill('SIGTERM')

const TARGETS: Record<keyof typeof figures, [string, number]> = {
  navigation: ['navigation to first queue rows', 250],
  search: ['keystroke in search to updated list', 16],
  open: ['queue row click to workflow with content and context', 150],
  step: ['"Complete step" to the next step on screen', 150],
  settings: ['opening Settings', 100],
}
const saved: Record<string, Figure> = {}
console.log(`the app with 1,000 workflows (${rendered} queue rows in the DOM), ${RUNS} runs each`)
for (const [key, [label, target]] of Object.entries(TARGETS)) {
  const s = summarize(figures[key as keyof typeof figures])
  saved[`ui: ${label}`] = { p50: s.p50, p95: s.p95 }
  console.log(
    `  ${label.padEnd(56)} p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  target p95 <= ${target} ms: ${s.p95 <= target ? 'met' : 'MISSED'}${regression(`ui: ${label}`, s.p95)}`,
  )
}
saveFigures(saved)
