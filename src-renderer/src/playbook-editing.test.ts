import { describe, expect, it } from 'vitest'
import { moveStep, newStep, stepIdOf } from './playbook-editing'

describe('editing a playbook’s steps', () => {
  it('adds a step whose id is free', () => {
    const first = newStep([])
    expect(first.id).toBe('step-1')
    expect(newStep([first, { ...first, id: 'step-2' }]).id).toBe('step-3')
    expect(newStep([{ ...first, id: 'step-2' }]).id).toBe('step-3')
  })

  it('moves a step up or down, and no further than the ends', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveStep(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
  })

  it('names a new step’s id after its name', () => {
    expect(stepIdOf('Security Review!')).toBe('security-review')
    expect(stepIdOf('!!!')).toBe('step')
  })
})
