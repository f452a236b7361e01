/**
 * npm run bench (UI part): time from navigation to the first queue rows on screen, for a CSM
 * with 1,000 workflows, in headless Chromium against the headless host.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { seedOneQueue } from './big-book'
import { BENCH_CLOCK, benchHost } from './bench-host'
import { ms, summarize } from './stats'

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 30)
const SECRET = 'bench-secret-long-enough-to-use'
const CSM = 'csm-ui'
const clock = BENCH_CLOCK
const rendererDir = resolve('out/renderer')
if (!existsSync(rendererDir)) throw new Error('Build the renderer first: npm run build')

const host = await benchHost(SECRET, rendererDir)
seedOneQueue(host.core.store, clock, CSM, 1000)
const token = signToken({ id: CSM, email: `${CSM}@company.com`, role: 'csm' }, SECRET)
const browser = await chromium.launch(chromiumLaunchOptions())

const wall: number[] = []
const inPage: number[] = []
let rendered = 0
for (let run = 0; run < RUNS + 3; run++) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const start = performance.now()
  await page.goto(`${host.url}/#token=${token}`)
  await page.locator('.vlist-body [role=row]').first().waitFor({ state: 'visible' })
  const end = performance.now()
  const sinceNavigation = await page.evaluate(() => performance.now())
  rendered = await page.locator('.vlist-body [role=row]').count()
  if (run >= 3) {
    wall.push(end - start)
    inPage.push(sinceNavigation)
  }
  await page.close()
}
await browser.close()
await host.dispose()

const w = summarize(wall)
const p = summarize(inPage)
console.log(`first queue rows (1,000 workflows, ${rendered} rows in the DOM)`)
console.log(
  `  navigation to rows visible  p50 ${ms(w.p50)} ms  p95 ${ms(w.p95)} ms  (n=${w.samples})  target p95 <= 500 ms: ${w.p95 <= 500 ? 'met' : 'MISSED'}`,
)
console.log(`  page clock at rows visible  p50 ${ms(p.p50)} ms  p95 ${ms(p.p95)} ms`)
