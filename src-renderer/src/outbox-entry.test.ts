import { describe, expect, it } from 'vitest'
import { entryLines } from './outbox-entry'

describe('what an outbox entry shows', () => {
  it('shows everything a step carries: decision, notes, tags, fields and next actions', () => {
    expect(
      entryLines({
        stepId: 'quote',
        outputs: {
          decision: 'proceed',
          notes: 'CFO agreed',
          tags: ['pricing'],
          customData: { arrGrowthRate: 11, empty: '' },
          nextActions: [{ type: 'call', description: 'Call the CFO', dueDate: '2026-01-05' }],
        },
      }),
    ).toEqual([
      'Decision: proceed',
      'Notes: CFO agreed',
      'Tags: pricing',
      'arr growth rate: 11',
      'Next (call): Call the CFO, due 2026-01-05',
    ])
  })

  it('shows a playbook started offline by its name, due day and note', () => {
    expect(entryLines({ playbook: 'onboarding', dueDate: '2026-01-15', note: 'Kick-off first' })).toEqual([
      'Playbook onboarding, due 2026-01-15',
      'Note: Kick-off first',
    ])
  })

  it('shows a refused completion by its outcome instead of a dash', () => {
    expect(
      entryLines({
        totalDuration: 600,
        status: 'success',
        outcomes: { notes: 'Renewed for two years', nextSteps: ['Send the welcome pack'], confidence: 'high' },
      }),
    ).toEqual([
      'Outcome: success (high confidence)',
      'Outcome notes: Renewed for two years',
      'Next step: Send the welcome pack',
    ])
    expect(entryLines({ until: '2026-01-10', reason: 'Holidays' })).toEqual(['Snoozed until 2026-01-10: Holidays'])
  })
})
