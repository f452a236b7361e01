import type { Tx } from '../store/db'
import type { ClosedRenewalsRow, OpenRenewalsRow } from '../store/rows'
import { retention, share } from './formulas'
import type { OutcomeFigures, OutcomesReport } from './types'

/** The figures of a set of renewals: those that closed (by result) and those still open. */
export function outcomeFigures(closed: readonly ClosedRenewalsRow[], open: readonly OpenRenewalsRow[]): OutcomeFigures {
  const renewed = { accounts: 0, arrBefore: 0, arrAfter: 0 }
  const churned = { accounts: 0, arr: 0 }
  const still = { accounts: 0, arr: 0 }
  let expansion = 0
  let contraction = 0
  let matched = 0
  for (const row of closed) {
    if (row.result === 'renewed') {
      renewed.accounts += row.accounts
      renewed.arrBefore += row.arr_before
      renewed.arrAfter += row.arr_after
    } else {
      churned.accounts += row.accounts
      churned.arr += row.arr_before
    }
    expansion += row.expansion
    contraction += row.contraction
    matched += row.matched
  }
  for (const row of open) {
    still.accounts += row.accounts
    still.arr += row.arr
  }
  const start = renewed.arrBefore + churned.arr
  const closedCount = renewed.accounts + churned.accounts
  return {
    due: { accounts: closedCount + still.accounts, arr: start + still.arr },
    renewed,
    churned,
    open: still,
    expansion,
    contraction,
    ...retention({ start, churn: churned.arr, contraction, expansion }),
    forecastAccuracy: share(matched, closedCount),
  }
}

/** GET /api/reports/outcomes: the renewals due in the period, for the scope and by CSM (the owner at close). */
export async function outcomesReport(
  tx: Tx,
  owner: string | null,
  period: { from: string; to: string },
): Promise<OutcomesReport> {
  const closed = await tx.closedRenewals(period.from, period.to, owner)
  const open = await tx.openRenewals(period.from, period.to, owner)
  const names = new Map((await tx.users()).map((u) => [u.id, u.name]))
  const csmIds = [...new Set([...closed.map((r) => r.owner_id), ...open.map((r) => r.owner_id)])]
  const byCsm = csmIds
    .map((csmId) => ({
      csmId,
      name: names.get(csmId) ?? csmId,
      ...outcomeFigures(
        closed.filter((r) => r.owner_id === csmId),
        open.filter((r) => r.owner_id === csmId),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return { success: true, ...period, ...outcomeFigures(closed, open), byCsm }
}
