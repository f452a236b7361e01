import { describe, expect, it } from 'vitest'
import { definitionOf } from './definitions'
import { currentStepOf, formatMinutes, progressOf, remainingMinutes, suggestionsFor } from './progression'

const emergency = definitionOf('emergency-renewal')

describe('step progression', () => {
  it("matches the contract's emergency-renewal: 4 steps, 45min left after the first", () => {
    expect(emergency.steps.map((s) => [s.id, s.estimatedMinutes]).slice(0, 2)).toEqual([
      ['analyze-arr-performance', 15],
      ['review-health-indicators', 10],
    ])
    expect(emergency.steps).toHaveLength(4)
    expect(currentStepOf(emergency, 1)?.id).toBe('review-health-indicators')
    expect(progressOf(emergency, 1)).toBe(0.25)
    expect(formatMinutes(remainingMinutes(emergency, 1))).toBe('45min')
  })

  it('has no current step and full progress once every step is recorded', () => {
    expect(currentStepOf(emergency, 4)).toBeNull()
    expect(progressOf(emergency, 4)).toBe(1)
    expect(remainingMinutes(emergency, 4)).toBe(0)
  })

  it('formats durations the way the contract writes them', () => {
    expect(formatMinutes(0)).toBe('0min')
    expect(formatMinutes(59)).toBe('59min')
    expect(formatMinutes(60)).toBe('1h')
    expect(formatMinutes(85)).toBe('1h 25min')
  })
})

describe('suggestions', () => {
  const base = { def: emergency, recordedSteps: 1, decision: 'proceed', tags: [], riskScore: 72, healthScore: 65 }

  it("gives the contract's example: no skip, no escalation, 45min left", () => {
    expect(suggestionsFor(base)).toEqual({
      skipRecommended: false,
      escalationNeeded: false,
      estimatedTimeRemaining: '45min',
    })
  })

  it('asks for escalation when the CSM decides so or the risk is high', () => {
    expect(suggestionsFor({ ...base, decision: 'escalate' }).escalationNeeded).toBe(true)
    expect(suggestionsFor({ ...base, riskScore: 80 }).escalationNeeded).toBe(true)
    expect(suggestionsFor({ ...base, riskScore: 79 }).escalationNeeded).toBe(false)
  })

  it('recommends skipping a skippable next step only for a healthy, safe customer', () => {
    // review-health-indicators is skippable; executive-outreach (after it) is not.
    expect(suggestionsFor({ ...base, healthScore: 85, riskScore: 20 }).skipRecommended).toBe(true)
    expect(suggestionsFor({ ...base, healthScore: 85, riskScore: 40 }).skipRecommended).toBe(false)
    expect(suggestionsFor({ ...base, recordedSteps: 2, healthScore: 85, riskScore: 20 }).skipRecommended).toBe(false)
  })
})
