import { describe, expect, it } from 'vitest'
import { safeCell, toCsv } from './csv'

describe('CSV exports', () => {
  it('never lets a spreadsheet run a cell as a formula', () => {
    for (const bad of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(safeCell(bad).replace(/^"/, '')).toMatch(/^'/)
    expect(safeCell('Zenith, Inc.')).toBe('"Zenith, Inc."')
    expect(safeCell('plain')).toBe('plain')
  })

  it('writes numbers as numbers, text made safe and quoted, and null as an empty cell', () => {
    expect(
      toCsv([
        ['CSM', 'ARR', 'GRR'],
        ['=HYPERLINK("x")', 1200000, null],
        ['Ana "A" Lima', -5, 0.75],
      ]),
    ).toBe('CSM,ARR,GRR\r\n"\'=HYPERLINK(""x"")",1200000,\r\n"Ana ""A"" Lima",-5,0.75\r\n')
  })
})
