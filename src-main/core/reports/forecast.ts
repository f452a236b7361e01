import type { Tx } from '../store/db'
import type { ForecastDayRow } from '../store/rows'
import { monthsFrom } from './formulas'
import type { ForecastFigures, ForecastReport, Slice } from './types'

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

function add(figures: ForecastFigures, row: ForecastDayRow): void {
  figures.accounts += row.accounts
  figures.arr += row.arr
  figures.forecastArr += row.forecast_arr
  const { byCategory } = figures
  const put = (slice: Slice, accounts: number, arr: number) => {
    slice.accounts += accounts
    slice.arr += arr
  }
  put(byCategory.commit, row.commit_accounts, row.commit_arr)
  put(byCategory.likely, row.likely_accounts, row.likely_arr)
  put(byCategory.atRisk, row.at_risk_accounts, row.at_risk_arr)
  put(byCategory.lost, row.lost_accounts, row.lost_arr)
  const forecast = row.commit_accounts + row.likely_accounts + row.at_risk_accounts + row.lost_accounts
  const forecastArr = row.commit_arr + row.likely_arr + row.at_risk_arr + row.lost_arr
  put(byCategory.unset, row.accounts - forecast, row.arr - forecastArr)
  put(figures.atRisk, row.flagged_accounts, row.flagged_arr)
  put(figures.covered, row.covered_accounts, row.covered_arr)
}

/** GET /api/reports/forecast: every month of the range, empty ones too, and their totals. */
export async function forecastReport(
  tx: Tx,
  owner: string | null,
  range: { first: string; count: number },
): Promise<ForecastReport> {
  const months = monthsFrom(range.first, range.count + 1)
  const days = await tx.forecastDays(`${months[0]}-01`, `${months[range.count]}-01`, owner)
  const byMonth = new Map(months.slice(0, range.count).map((month) => [month, { month, ...emptyFigures() }]))
  const totals = emptyFigures()
  for (const day of days) {
    add(byMonth.get(day.day.slice(0, 7))!, day)
    add(totals, day)
  }
  return { success: true, months: [...byMonth.values()], totals }
}
