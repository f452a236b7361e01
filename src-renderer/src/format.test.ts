import { describe, expect, it } from 'vitest'
import { explainPriority, formatDays, formatMoney, formatPercent, formatStatus, readable } from './format'

describe('formatting for the queue', () => {
  it('formats money, days, percentages and statuses', () => {
    expect(formatMoney(500000)).toBe('$500,000')
    expect(formatDays(3)).toBe('3d')
    expect(formatDays(0)).toBe('today')
    expect(formatDays(-4)).toBe('4d overdue')
    expect(formatPercent(0.95)).toBe('95%')
    expect(formatStatus('in_progress')).toBe('In progress')
  })

  it("explains the contract's 287 factor by factor", () => {
    expect(
      explainPriority({
        urgencyScore: 90,
        arrMultiplier: 2,
        accountPlanMultiplier: 1.5,
        experienceMultiplier: 1.1,
        otherActiveWorkflows: 5,
        workloadPenalty: 10,
      }),
    ).toEqual([
      'Urgency 90 from the renewal stage',
      '×2 for ARR',
      '×1.5 for the account plan',
      '×1.1 for your experience',
      '−10 for 5 other active workflows',
    ])
  })
})

describe('readable', () => {
  it('shows stored values as words', () => {
    expect(readable('above_average')).toBe('Above average')
    expect(readable('invest')).toBe('Invest')
    expect(readable('in-progress')).toBe('In progress')
  })
})
