import { describe, expect, it } from 'vitest'
import { arrMultiplier, compareByPriority, priorityFactors, priorityScore } from './priority'

describe('priority score', () => {
  it("reproduces the contract's 287: $500k invest account in Emergency, senior CSM with 5 other workflows", () => {
    const factors = priorityFactors({
      daysUntilRenewal: 3,
      arr: 500_000,
      accountPlan: 'invest',
      experience: 'senior',
      otherActiveWorkflows: 5,
    })
    expect(factors).toEqual({
      urgencyScore: 90,
      arrMultiplier: 2.0,
      accountPlanMultiplier: 1.5,
      experienceMultiplier: 1.1,
      otherActiveWorkflows: 5,
      workloadPenalty: 10,
    })
    expect(priorityScore(factors)).toBe(287)
  })

  it.each([
    [149_999, 1.5],
    [150_000, 2.0],
    [99_999, 1.0],
    [100_000, 1.5],
    [0, 1.0],
  ])('ARR %i gives multiplier %d', (arr, multiplier) => {
    expect(arrMultiplier(arr)).toBe(multiplier)
  })

  it.each([
    ['expand', 'expert', 100 * 1.3 * 1.2],
    ['manage', 'mid', 100],
    ['monitor', 'junior', 100 * 0.8 * 0.9],
    [null, 'mid', 100],
  ] as const)('plan %s and experience %s weigh in', (plan, experience, weighted) => {
    const f = priorityFactors({
      daysUntilRenewal: -5,
      arr: 50_000,
      accountPlan: plan,
      experience,
      otherActiveWorkflows: 0,
    })
    expect(priorityScore(f)).toBe(Math.round(weighted))
  })

  it('rounds half up even where floating point lands just below .5', () => {
    // 90 x 1.5 x 1.0 x 1.1 is 148.50000000000003 in floating point; 30 x 1.5 x 1.1 is 49.50000000000001
    const f = priorityFactors({
      daysUntilRenewal: 3,
      arr: 120_000,
      accountPlan: 'manage',
      experience: 'senior',
      otherActiveWorkflows: 0,
    })
    expect(priorityScore(f)).toBe(149)
    const g = priorityFactors({
      daysUntilRenewal: 150,
      arr: 120_000,
      accountPlan: 'manage',
      experience: 'senior',
      otherActiveWorkflows: 0,
    })
    expect(priorityScore(g)).toBe(50)
  })

  it('orders by score, then the nearest renewal, then id', () => {
    const items = [
      { id: 'b', priorityScore: 100, daysUntilRenewal: 10 },
      { id: 'a', priorityScore: 100, daysUntilRenewal: 10 },
      { id: 'c', priorityScore: 100, daysUntilRenewal: 2 },
      { id: 'd', priorityScore: 200, daysUntilRenewal: 90 },
    ]
    expect(items.sort(compareByPriority).map((i) => i.id)).toEqual(['d', 'c', 'a', 'b'])
  })
})
