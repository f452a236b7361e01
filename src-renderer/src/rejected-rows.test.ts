import { describe, expect, it } from 'vitest'
import { rejectedRowsCsv } from './rejected-rows'

describe('rejected rows', () => {
  const file = [
    '\uFEFFAccount ID,Account Name,ARR,Renewal Date',
    'A-1,"Zenith, Inc.",1000,2026-01-01',
    'A-2,"=HYPERLINK(""http://evil"")",abc,2026-02-30',
    'A-3,Fine Co,500,2026-03-01',
  ].join('\r\n')

  it('gives each skipped row as it was, with what is wrong in an error column', () => {
    const csv = rejectedRowsCsv(file, [
      { line: 3, column: 'ARR', value: 'abc', message: 'must be an amount' },
      { line: 3, column: 'Renewal Date', value: '2026-02-30', message: 'is not a date' },
    ])
    expect(csv.split('\r\n')).toEqual([
      'Account ID,Account Name,ARR,Renewal Date,error',
      `A-2,"'=HYPERLINK(""http://evil"")",abc,2026-02-30,ARR: must be an amount (abc); Renewal Date: is not a date (2026-02-30)`,
      '',
    ])
  })
})
