import { describe, expect, it } from 'vitest'
import { hrefOf, parseHash } from './router'

describe('hash routes', () => {
  it('reads the workflow screen and falls back to the queue', () => {
    expect(parseHash('#/workflow/wf-12345')).toEqual({ name: 'workflow', id: 'wf-12345' })
    expect(parseHash('#/')).toEqual({ name: 'queue' })
    expect(parseHash('')).toEqual({ name: 'queue' })
    expect(parseHash('#token=abc')).toEqual({ name: 'queue' })
    expect(parseHash('#/settings')).toEqual({ name: 'settings' })
    expect(parseHash(hrefOf({ name: 'import' }))).toEqual({ name: 'import' })
    expect(parseHash(hrefOf({ name: 'team' }))).toEqual({ name: 'team' })
    expect(parseHash(hrefOf({ name: 'users' }))).toEqual({ name: 'users' })
    expect(parseHash(hrefOf({ name: 'reports' }))).toEqual({ name: 'reports' })
    expect(parseHash(hrefOf({ name: 'team-csm', id: 'csm-456' }))).toEqual({ name: 'team-csm', id: 'csm-456' })
    expect(parseHash(hrefOf({ name: 'playbooks' }))).toEqual({ name: 'playbooks' })
    expect(parseHash(hrefOf({ name: 'playbook', id: 'finalize-renewal' }))).toEqual({
      name: 'playbook',
      id: 'finalize-renewal',
    })
  })

  it('round-trips ids that need encoding', () => {
    expect(parseHash(hrefOf({ name: 'workflow', id: 'wf/1 a' }))).toEqual({ name: 'workflow', id: 'wf/1 a' })
  })
})
