import { addDays, isoDay, type Clock } from '../src-main/core/clock'
import { pick, seededRandom } from '../src-main/core/demo/random'
import { quarterOf } from '../src-main/core/reports/formulas'
import type { Db } from '../src-main/core/store/db'
import type { ClosingRenewal } from '../src-main/core/store/renewals-tx'
import type { CustomerRow, WorkflowRow } from '../src-main/core/store/rows'
import { workflowRows } from '../src-main/core/demo/generated-book'

export const BENCH_ADMIN = { id: 'bench-admin', email: 'bench-admin@company.com', role: 'admin' as const }
const CSMS = 250
const CATEGORIES = ['commit', 'likely', 'at-risk', 'lost'] as const

/**
 * A book of `total` accounts on any engine, each with its current renewal's workflow, and a
 * renewal history: a forecast on every third account's current renewal, and for every other
 * account the renewal a year before, closed (one in eight churned) with its forecast. Answers the
 * quarter those closed renewals crowd most, for the outcomes report.
 */
export async function seedRenewalBook(db: Db, clock: Clock, total = 100_000): Promise<{ from: string; to: string }> {
  const random = seededRandom(21)
  const today = isoDay(clock.now())
  const now = clock.now().toISOString()
  const statuses = ['pending', 'in_progress', 'completed', 'completed'] as const
  await db.write(
    async (tx) => {
      await tx.insertCsm({ ...BENCH_ADMIN, name: 'Bench admin', experience: 'senior' })
      for (let c = 0; c < CSMS; c++) {
        await tx.insertCsm({
          id: `csm-r${c}`,
          name: `CSM ${c}`,
          email: `csm-r${c}@company.com`,
          experience: 'mid',
          role: 'csm',
        })
      }
      for (let start = 0; start < total; start += 1000) {
        const customers: CustomerRow[] = []
        const workflows: WorkflowRow[] = []
        for (let n = start; n < Math.min(total, start + 1000); n++) {
          const rows = workflowRows(random, today, `r${n}`, `csm-r${n % CSMS}`, pick(random, statuses))
          customers.push(rows.customer)
          workflows.push(rows.workflow)
        }
        await tx.saveCustomers(customers)
        await tx.insertWorkflows(workflows)
        const closing: ClosingRenewal[] = []
        for (const [i, c] of customers.entries()) {
          const category = pick(random, CATEGORIES)
          const forecast = (renewalDate: string) =>
            tx.saveForecast({
              customer_id: c.id,
              renewal_date: renewalDate,
              category,
              forecast_arr: c.arr,
              note: null,
              chosen: 1,
              updated_by: c.owner_id,
              updated_at: now,
            })
          if ((start + i) % 3 === 0) await forecast(c.renewal_date)
          if ((start + i) % 2 === 0) {
            const renewalDate = addDays(c.renewal_date, -365)
            await forecast(renewalDate)
            const churned = random() < 0.125
            closing.push({
              customer_id: c.id,
              renewal_date: renewalDate,
              result: churned ? 'churned' : 'renewed',
              arr_before: c.arr,
              arr_after: churned ? 0 : Math.round(c.arr * (0.9 + random() * 0.3)),
              closed_at: now,
              source: 'import',
              owner_id: c.owner_id,
            })
          }
        }
        await tx.closeRenewals(closing)
      }
    },
    { longRunning: true },
  )
  // Current renewals run 20 days back to 300 ahead, so the closed ones 385 to 65 days back.
  return quarterOf(addDays(today, -120))
}
