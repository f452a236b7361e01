import { describe, expect, it } from 'vitest'
import { alreadyApplied } from './rebase'

const conflict = (code: string, details: object) => ({
  status: 409,
  body: { success: false, error: { code, message: '', details } },
})
const step = {
  kind: 'complete-step' as const,
  body_json: JSON.stringify({ status: 'completed', completedAt: 't1', outputs: { decision: 'go' } }),
}

describe('alreadyApplied', () => {
  it('recognises our own result coming back as a 409', () => {
    expect(
      alreadyApplied(
        step,
        conflict('STEP_ALREADY_COMPLETED', { status: 'completed', completedAt: 't1', outputs: { decision: 'go' } }),
      ),
    ).toBe(true)
    expect(
      alreadyApplied(
        { kind: 'start', body_json: '{"startedAt":"t0"}' },
        conflict('WORKFLOW_ALREADY_STARTED', { startedAt: 't0' }),
      ),
    ).toBe(true)
    expect(
      alreadyApplied(
        { kind: 'complete-workflow', body_json: '{"completedAt":"t9"}' },
        conflict('WORKFLOW_COMPLETED', { completedAt: 't9' }),
      ),
    ).toBe(true)
  })

  it('treats a different result, another code or another status as a conflict', () => {
    expect(
      alreadyApplied(
        step,
        conflict('STEP_ALREADY_COMPLETED', { status: 'completed', completedAt: 't1', outputs: { decision: 'stop' } }),
      ),
    ).toBe(false)
    expect(alreadyApplied(step, conflict('WORKFLOW_COMPLETED', { completedAt: 't1' }))).toBe(false)
    expect(
      alreadyApplied(
        { kind: 'start', body_json: '{"startedAt":"t0"}' },
        conflict('WORKFLOW_ALREADY_STARTED', { startedAt: 'other' }),
      ),
    ).toBe(false)
    expect(alreadyApplied({ kind: 'start', body_json: '{}' }, { status: 400, body: {} })).toBe(false)
  })
})
