import type { Tx } from '../store/db'
import type { ForecastCategory, ForecastMonthRow } from '../store/rows'
import { monthsFrom } from './formulas'
import type { ForecastFigures, ForecastReport, Slice } from './types'

const KEY: Record<ForecastCategory, keyof ForecastFigures['byCategory']> = {
  commit: 'commit',
  likely: 'likely',
  'at-risk': 'atRisk',
  lost: 'lost',
  unset: 'unset',
}

const slice = (): Slice => ({ accounts: 0, arr: 0 })

function emptyFigures(): ForecastFigures {
  return {
    accounts: 0,
    arr: 0,
    forecastArr: 0,
    byCategory: { commit: slice(), likely: slice(), atRisk: slice(), lost: slice(), unset: slice() },
    atRisk: slice(),
    covered: slice(),
  }
}

function add(figures: ForecastFigures, row: ForecastMonthRow): void {
  figures.accounts += row.accounts
  figures.arr += row.arr
  figures.forecastArr += row.forecast_arr
  const category = figures.byCategory[KEY[row.category]]
  category.accounts += row.accounts
  category.arr += row.arr
  figures.atRisk.accounts += row.at_risk_accounts
  figures.atRisk.arr += row.at_risk_arr
  figures.covered.accounts += row.covered_accounts
  figures.covered.arr += row.covered_arr
}

/** GET /api/reports/forecast: every month of the range, empty ones too, and their totals. */
export async function forecastReport(
  tx: Tx,
  owner: string | null,
  range: { first: string; count: number },
): Promise<ForecastReport> {
  const months = monthsFrom(range.first, range.count + 1)
  const rows = await tx.forecastMonths(`${months[0]}-01`, `${months[range.count]}-01`, owner)
  const byMonth = new Map(months.slice(0, range.count).map((month) => [month, { month, ...emptyFigures() }]))
  const totals = emptyFigures()
  for (const row of rows) {
    add(byMonth.get(row.month)!, row)
    add(totals, row)
  }
  return { success: true, months: [...byMonth.values()], totals }
}
