import { describe, expect, it } from 'vitest'
import type { WorkflowContext } from '../api/types'
import { templateVariables } from './variables'

describe('templateVariables', () => {
  it('exposes recorded steps by id, with their status and reason, and nothing for steps not done', () => {
    const context = {
      workflow: {
        steps: [
          { id: 'a', result: { status: 'completed', outputs: { decision: 'go' }, reason: null } },
          { id: 'b', result: { status: 'skipped', outputs: {}, reason: 'not needed' } },
          { id: 'c', result: null },
        ],
      },
    } as unknown as WorkflowContext
    const vars = templateVariables(context, { id: 'csm-1', name: 'Sam', email: 's@x.com' }, '2025-12-28')
    expect(vars.steps).toEqual({
      a: { decision: 'go', status: 'completed', reason: null },
      b: { status: 'skipped', reason: 'not needed' },
    })
    expect(vars.csm.name).toBe('Sam')
    expect(vars.today).toBe('2025-12-28')
  })
})
