import { describe, expect, it } from 'vitest'
import { changesOnly, diffLines, playbookLines } from './playbook-diff'
import type { PlaybookBody } from './api/workflow-service'

const step = (id: string, template: string) => ({
  id,
  name: id,
  estimatedMinutes: 5,
  skippable: false,
  outputs: {
    decision: { options: [{ value: 'ok', label: 'OK' }], required: true },
    notes: { required: false },
    tags: { suggestions: [] },
    nextActions: true,
    customFields: [],
  },
  template,
})
const body = (steps: PlaybookBody['steps']): PlaybookBody => ({ id: 'p', name: 'P', kind: 'custom', title: 'T', steps })

describe('a playbook version against the published one', () => {
  it('shows a step added between two, and a template line changed, and nothing else as changed', () => {
    const published = body([step('a', 'one\ntwo'), step('c', 'three')])
    const draft = body([step('a', 'one\n2'), step('b', 'new'), step('c', 'three')])
    const diff = diffLines(playbookLines(published), playbookLines(draft))
    expect(diff.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['  | two'])
    const added = diff.filter((l) => l.kind === 'added').map((l) => l.text)
    expect(added).toContain('  | 2')
    expect(added).toContain('— Step b: b (5 min)')
    expect(added).toContain('  | new')
    expect(added).not.toContain('— Step c: c (5 min)')
  })

  it('folds unchanged runs, keeping a line of context around each change', () => {
    const from = ['1', '2', '3', '4', '5', '6']
    const shown = changesOnly(diffLines(from, ['1', '2', '3', 'four', '5', '6']))
    expect(shown).toEqual([
      { kind: 'fold', count: 2 },
      { kind: 'same', text: '3' },
      { kind: 'removed', text: '4' },
      { kind: 'added', text: 'four' },
      { kind: 'same', text: '5' },
      { kind: 'fold', count: 1 },
    ])
  })
})
