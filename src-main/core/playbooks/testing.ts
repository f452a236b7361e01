import type { PlaybookStep } from './types'

/** A step for tests to build playbooks with: one decision ("done" unless given), skippable. */
export function exampleStep(id: string, name: string, template: string, decision = 'done'): PlaybookStep {
  return {
    id,
    name,
    estimatedMinutes: 10,
    skippable: true,
    outputs: {
      decision: { options: [{ value: decision, label: decision }], required: true },
      notes: { required: false },
      tags: { suggestions: [] },
      nextActions: false,
      customFields: [],
    },
    template,
  }
}
