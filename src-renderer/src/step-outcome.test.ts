import { describe, expect, it } from 'vitest'
import type { ContextStep } from '../../src-main/core/api/types'
import { emptyStepDraft, type StepDraft } from './stores/drafts'
import { plainFieldMessages } from './field-messages'
import { stepOutcome, stepProblems } from './step-outcome'

const step = {
  id: 'analyze-arr-performance',
  outputs: {
    customFields: [
      { key: 'arrGrowthRate', label: 'ARR growth', type: 'number' },
      { key: 'confidenceLevel', label: 'Confidence', type: 'select', options: ['high', 'low'] },
    ],
  },
} as unknown as ContextStep

describe("the step-completion body built from the CSM's draft", () => {
  it("has the contract's shape, with numbers as numbers and blanks left out", () => {
    const draft = {
      ...emptyStepDraft(),
      openedAt: '2025-10-07T14:16:07.000Z',
      decision: 'proceed',
      notes: 'Looks healthy',
      tags: ['healthy'],
      customData: { arrGrowthRate: '0.15', confidenceLevel: 'high' },
      nextActions: [
        {
          type: 'task' as const,
          description: 'Schedule renewal call',
          dueDate: '2025-10-15',
          priority: 'high' as const,
        },
        { type: 'reminder' as const, description: '  ', dueDate: '', priority: '' as const },
      ],
    }
    expect(stepOutcome(step.id, step, draft, 'completed', new Date('2025-10-07T14:30:14.000Z'))).toEqual({
      stepId: 'analyze-arr-performance',
      completedAt: '2025-10-07T14:30:14.000Z',
      duration: 847,
      status: 'completed',
      outputs: {
        decision: 'proceed',
        notes: 'Looks healthy',
        tags: ['healthy'],
        nextActions: [{ type: 'task', description: 'Schedule renewal call', dueDate: '2025-10-15', priority: 'high' }],
        customData: { arrGrowthRate: 0.15, confidenceLevel: 'high' },
      },
    })
  })

  it('sends only the reason when skipping', () => {
    const draft = { ...emptyStepDraft(), decision: 'proceed', skipReason: ' Done last week ' }
    const outcome = stepOutcome(step.id, step, draft, 'skipped')
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'Done last week', outputs: {} })
  })

  it('sends an empty draft as it is, so the server can say what is missing', () => {
    expect(stepOutcome(step.id, step, emptyStepDraft(), 'completed').outputs).toEqual({})
  })
})

describe('what a step needs before it is sent', () => {
  const required = {
    id: 's',
    outputs: {
      decision: { options: [{ value: 'proceed', label: 'Proceed' }], required: true },
      notes: { required: true },
      tags: { suggestions: [] },
      nextActions: true,
      customFields: [{ key: 'growth', label: 'ARR growth rate', type: 'number' as const }],
    },
  } as unknown as ContextStep
  const draft = (change: Partial<StepDraft> = {}): StepDraft => ({ ...emptyStepDraft(), ...change })

  it('names each missing field once, in plain words, and nothing when the step is complete', () => {
    const step = required
    expect(stepProblems(step, draft(), 'completed')).toEqual({
      'outputs.decision': 'Choose a decision',
      'outputs.notes': 'Write a note',
    })
    expect(
      stepProblems(step, draft({ decision: 'proceed', notes: 'ok', customData: { growth: 'eleven' } }), 'completed'),
    ).toEqual({
      'outputs.customData.growth': 'ARR growth rate must be a number',
    })
    expect(stepProblems(step, draft({ decision: 'proceed', notes: 'ok' }), 'completed')).toEqual({})
    expect(stepProblems(step, draft(), 'skipped')).toEqual({ reason: 'Say why you skip this step' })
  })

  it('puts a server refusal beside the field it concerns, and the rest once', () => {
    expect(
      plainFieldMessages({ 'outputs.decision': 'is required; one of proceed', duration: 'is too long' }, [
        'outputs.decision',
      ]),
    ).toEqual({ beside: { 'outputs.decision': 'Is required; one of proceed' }, elsewhere: 'duration is too long' })
  })
})
