import { describe, expect, it } from 'vitest'
import { balanceWeights, newMeasure } from './scorecard-editing'

describe('editing a scorecard', () => {
  it('balances weights to 100, keeping each share as near as whole numbers allow', () => {
    const m = (weight: number) => ({ ...newMeasure([]), weight })
    expect(balanceWeights([m(1), m(1), m(1)]).map((x) => x.weight)).toEqual([34, 33, 33])
    expect(balanceWeights([m(50), m(30), m(40)]).map((x) => x.weight)).toEqual([42, 25, 33])
    expect(balanceWeights([m(0), m(0)]).map((x) => x.weight)).toEqual([50, 50])
  })

  it('adds a measure on a signal not used yet, with a scale that fits it', () => {
    const first = newMeasure([])
    const second = newMeasure([first])
    expect(second.source).not.toBe(first.source)
    expect(second.id).not.toBe(first.id)
  })
})
