import { describe, expect, it } from 'vitest'
import { stageFor, stageInfoFor } from './stages'

describe('renewal stage from days until renewal', () => {
  it.each([
    [-365, 'Overdue', 100],
    [-1, 'Overdue', 100],
    [0, 'Emergency', 90],
    [6, 'Emergency', 90],
    [7, 'Critical', 80],
    [13, 'Critical', 80],
    [14, 'Signature', 70],
    [29, 'Signature', 70],
    [30, 'Finalize', 60],
    [59, 'Finalize', 60],
    [60, 'Negotiate', 50],
    [89, 'Negotiate', 50],
    [90, 'Engage', 40],
    [119, 'Engage', 40],
    [120, 'Prepare', 30],
    [179, 'Prepare', 30],
    [180, 'Monitor', 20],
    [1000, 'Monitor', 20],
  ])('%i days is %s with urgency %i', (days, stage, urgency) => {
    expect(stageFor(days)).toBe(stage)
    expect(stageInfoFor(days).urgency).toBe(urgency)
  })

  it('gives each stage its own workflow type', () => {
    expect(stageInfoFor(3).workflowType).toBe('emergency-renewal')
    expect(stageInfoFor(3).name).toBe('Emergency Response Phase')
    expect(stageInfoFor(-3).workflowType).toBe('overdue-renewal')
  })
})
