import { describe, expect, it } from 'vitest'
import { percentile, summarize } from './stats'

describe('bench percentiles', () => {
  it('uses the nearest-rank method', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile([7], 95)).toBe(7)
  })

  it('sorts before it ranks', () => {
    expect(summarize([5, 1, 4, 2, 3])).toMatchObject({ p50: 3, p95: 5, samples: 5 })
  })
})
