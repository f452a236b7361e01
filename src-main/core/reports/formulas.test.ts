import { describe, expect, it } from 'vitest'
import { median, minutes, monthsFrom, percentile, quarterOf, retention, share } from './formulas'
import { outcomeFigures } from './outcomes'
import type { ClosedRenewalsRow } from '../store/rows'

const closed = (row: Partial<ClosedRenewalsRow> & Pick<ClosedRenewalsRow, 'result'>): ClosedRenewalsRow => ({
  owner_id: 'c1',
  accounts: 1,
  arr_before: 0,
  arr_after: 0,
  expansion: 0,
  contraction: 0,
  matched: 0,
  ...row,
})

describe('retention', () => {
  it('is null with no closed renewals, not 0 or 100%', () => {
    expect(retention({ start: 0, churn: 0, contraction: 0, expansion: 0 })).toEqual({ grr: null, nrr: null })
    expect(outcomeFigures([], [{ owner_id: 'c1', accounts: 2, arr: 500 }])).toMatchObject({
      due: { accounts: 2, arr: 500 },
      open: { accounts: 2, arr: 500 },
      grr: null,
      nrr: null,
      forecastAccuracy: null,
    })
  })

  it('is 0 when everything churned', () => {
    const figures = outcomeFigures([closed({ result: 'churned', accounts: 2, arr_before: 300, matched: 1 })], [])
    expect(figures).toMatchObject({ grr: 0, nrr: 0, churned: { accounts: 2, arr: 300 }, forecastAccuracy: 0.5 })
  })

  it('lets NRR pass 100% on expansion while GRR stays at most 100%', () => {
    const figures = outcomeFigures(
      [
        closed({ result: 'renewed', accounts: 2, arr_before: 1000, arr_after: 1500, expansion: 600, contraction: 100 }),
        closed({ result: 'churned', arr_before: 200 }),
      ],
      [],
    )
    // start 1200, churn 200, contraction 100, expansion 600
    expect(figures.grr).toBe(0.75)
    expect(figures.nrr).toBe(1.25)
  })

  it('rounds to 4 decimals', () => {
    expect(retention({ start: 3, churn: 1, contraction: 0, expansion: 0 })).toEqual({ grr: 0.6667, nrr: 0.6667 })
    expect(share(1, 3)).toBe(0.3333)
    expect(share(0, 0)).toBeNull()
  })
})

describe('step times', () => {
  it('takes the middle of an odd count, the mean of the two middles of an even one, and the nearest-rank p90', () => {
    expect(median([])).toBe(0)
    expect(median([5])).toBe(5)
    expect(median([1, 3, 10])).toBe(3)
    expect(median([1, 3, 5, 10])).toBe(4)
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(percentile(ten, 90)).toBe(9)
    expect(percentile([...ten, 11], 90)).toBe(10)
    expect(percentile([7], 90)).toBe(7)
    expect(minutes(847)).toBe(14.1)
  })
})

describe('calendar months and quarters (UTC)', () => {
  it('counts months across a year end', () => {
    expect(monthsFrom('2026-11', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
  })

  it('finds a quarter and the one before, including its last day, across a year end and a leap day', () => {
    expect(quarterOf('2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(quarterOf('2026-01-01', 1)).toEqual({ from: '2025-10-01', to: '2025-12-31' })
    expect(quarterOf('2028-02-29')).toEqual({ from: '2028-01-01', to: '2028-03-31' })
    expect(quarterOf('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
  })
})
