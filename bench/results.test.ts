import { describe, expect, it } from 'vitest'
import { CALIBRATION, isRegressed, regression, speedScale } from './results'

// The baseline's machine: its yardstick read takes 0.34 ms, the figure 1.00 ms.
const baseline = { [CALIBRATION]: { p50: 0.34, p95: 0.4 }, 'api: x': { p50: 0.8, p95: 1 } }
const on = (calibrationP50: number) => speedScale({ [CALIBRATION]: { p50: calibrationP50, p95: 1 } }, baseline)

describe('the bench regression guard', () => {
  it('says nothing on a machine 2.3x slower where nothing changed', () => {
    const scale = on(0.34 * 2.3)
    expect(scale).toBeCloseTo(2.3)
    expect(isRegressed(2.3, 1, scale)).toBe(false)
    expect(regression('api: x', 2.3, baseline, scale)).toBe('')
  })

  it('flags a real 30% regression on a slower machine and on a faster one', () => {
    expect(isRegressed(2.3 * 1.3, 1, on(0.34 * 2.3))).toBe(true)
    expect(isRegressed(0.5 * 1.3, 1, on(0.34 * 0.5))).toBe(true)
    expect(regression('api: x', 2.3 * 1.3, baseline, on(0.34 * 2.3))).toMatch(
      /REGRESSED \(baseline p95 1\.000 ms, 2\.300 ms/,
    )
  })

  it('compares as measured when either run has no yardstick, and never flags the yardstick itself', () => {
    expect(speedScale({}, baseline)).toBe(1)
    expect(isRegressed(1.3, 1, speedScale({ [CALIBRATION]: { p50: 1, p95: 1 } }, {}))).toBe(true)
    expect(regression(CALIBRATION, 99, baseline, 1)).toBe('')
  })
})
