import type { PlaybookBody } from './api/workflow-service'

export type Step = PlaybookBody['steps'][number]

/** A new step with an id no other step has, one decision, and a template that greets the account. */
export function newStep(steps: readonly Step[]): Step {
  let n = steps.length + 1
  while (steps.some((s) => s.id === `step-${n}`)) n++
  return {
    id: `step-${n}`,
    name: `Step ${n}`,
    estimatedMinutes: 10,
    skippable: true,
    outputs: {
      decision: { options: [{ value: 'done', label: 'Done' }], required: true },
      notes: { required: false },
      tags: { suggestions: [] },
      nextActions: true,
      customFields: [],
    },
    template: '<p>{{customer.name}}: </p>',
  }
}

/** The steps with one moved by `by` places (kept within the list). */
export function moveStep<T>(steps: readonly T[], index: number, by: number): T[] {
  const to = Math.min(Math.max(index + by, 0), steps.length - 1)
  const next = [...steps]
  const [moved] = next.splice(index, 1)
  next.splice(to, 0, moved!)
  return next
}

/** A step id from its name, for a step added in this draft. */
export function stepIdOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'step'
  )
}
