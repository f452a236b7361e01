import { describe, expect, it } from 'vitest'
import type { CustomerRow } from '../store/rows'
import { aYearLater } from '../domain/renewal-dates'
import { closedByImport } from './outcomes'
import { suggestedCategory } from './suggestions'

const account = (row: Partial<CustomerRow>) =>
  ({ id: 'a', arr: 1000, renewal_date: '2026-01-31', owner_id: 'c1', status: 'active', ...row }) as CustomerRow

describe('closing a renewal', () => {
  it('renews when an import moves the date forward, churns on a churned status, and leaves the rest open', () => {
    const before = account({})
    expect(closedByImport(before, account({ renewal_date: '2027-01-31', arr: 1200 }), 't')).toMatchObject({
      renewal_date: '2026-01-31',
      result: 'renewed',
      arr_before: 1000,
      arr_after: 1200,
      source: 'import',
    })
    expect(closedByImport(before, account({ status: 'churned' }), 't')).toMatchObject({
      result: 'churned',
      arr_after: 0,
    })
    expect(closedByImport(before, account({ arr: 5 }), 't')).toBeNull()
    expect(closedByImport(before, account({ renewal_date: '2025-12-31' }), 't')).toBeNull() // moved back: a fix
    expect(closedByImport(account({ status: 'churned' }), account({ status: 'churned' }), 't')).toBeNull()
  })

  it('moves a renewal a year on, 29 February to 28 February', () => {
    expect(aYearLater('2026-01-31')).toBe('2027-01-31')
    expect(aYearLater('2028-02-29')).toBe('2029-02-28')
    expect(aYearLater('2026-12-31')).toBe('2027-12-31')
  })

  it('suggests a category from decisions that mean it, and nothing from the others', () => {
    expect(suggestedCategory('signed')).toBe('commit')
    expect(suggestedCategory('booked')).toBe('commit')
    expect(suggestedCategory('lost')).toBe('lost')
    expect(suggestedCategory('at-risk')).toBe('at-risk')
    expect(suggestedCategory('scheduled')).toBeNull()
    expect(suggestedCategory(undefined)).toBeNull()
    expect(suggestedCategory('toString')).toBeNull()
  })
})
