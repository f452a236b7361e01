import { describe, expect, it } from 'vitest'
import { trendOf } from './health-trend'

describe('a health trend', () => {
  it('compares today with the score in force 30 days ago', () => {
    const history = [
      { date: '2026-01-01', score: 70 },
      { date: '2026-02-10', score: 64 },
      { date: '2026-03-01', score: 58 },
    ]
    // On 30 January, 30 days before, the score in force was January's 70.
    expect(trendOf(history, '2026-03-01')).toBe('Down 12 in 30 days')
    expect(
      trendOf(
        [
          { date: '2026-01-01', score: 40 },
          { date: '2026-03-01', score: 52 },
        ],
        '2026-03-01',
      ),
    ).toBe('Up 12 in 30 days')
    expect(
      trendOf(
        [
          { date: '2026-02-20', score: 40 },
          { date: '2026-03-01', score: 40 },
        ],
        '2026-03-01',
      ),
    ).toBe('Steady over 9 days')
    expect(trendOf([{ date: '2026-03-01', score: 40 }], '2026-03-01')).toBeNull()
    expect(
      trendOf(
        [
          { date: '2026-01-01', score: 40 },
          { date: '2026-03-01', score: null },
        ],
        '2026-03-01',
      ),
    ).toBeNull()
  })
})
