import { describe, expect, it } from 'vitest'
import type { AuditEntry } from './api/workflow-service'
import { describeAudit } from './audit-text'

const entry = (action: string, details: Record<string, unknown>, subject = 'csm-303'): AuditEntry =>
  ({
    seq: 1,
    at: 't',
    actor: { id: 'admin-1', email: 'alex@company.com' },
    action,
    subject,
    reason: null,
    details,
  }) as AuditEntry
const names = (id: string | null) => ({ 'csm-303': 'Tom Becker', 'csm-202': 'Priya Patel' })[id ?? ''] ?? id ?? ''

describe('what an audit entry says', () => {
  it('names what changed, before and after', () => {
    expect(describeAudit(entry('user-changed', { role: { from: 'csm', to: 'admin' } }), names)).toBe(
      'alex@company.com changed Tom Becker: role CSM → Admin',
    )
    expect(
      describeAudit(
        entry('reassign', { workflows: [{ account: 'Acme Corporation', fromName: 'Tom Becker' }] }, 'csm-202'),
        names,
      ),
    ).toBe('alex@company.com reassigned Acme Corporation from Tom Becker to Priya Patel')
    expect(describeAudit(entry('sign-in-failed', { failures: 10, blocked: 190 }), names)).toBe(
      '200 failed sign-ins as alex@company.com (190 blocked)',
    )
  })

  it('says what happened to a playbook: the version published, what moved, what it rolled back to', () => {
    const published = {
      ...entry('playbook-published', { version: 2, moved: 9 }, 'finalize-renewal'),
      reason: 'Security',
    }
    expect(describeAudit(published, names)).toBe(
      'alex@company.com published finalize-renewal version 2 (“Security”); 9 pending workflows moved to it',
    )
    expect(describeAudit(entry('playbook-rolled-back', { version: 3, from: 1 }, 'finalize-renewal'), names)).toBe(
      'alex@company.com rolled finalize-renewal back to version 1, published as version 3',
    )
    expect(
      describeAudit(
        entry('playbook-started', { playbook: 'onboarding', customerId: 'cust-1', assigneeId: 'csm-303' }, 'wf-1'),
        names,
      ),
    ).toBe('alex@company.com started the playbook onboarding on cust-1 for Tom Becker')
  })

  it('says how single sign-on let someone in, or why it did not', () => {
    expect(describeAudit(entry('user-added', { via: 'sso', role: 'csm' }), names)).toBe(
      'alex@company.com joined through single sign-on as a CSM',
    )
    expect(describeAudit(entry('sign-in', { via: 'sso' }), names)).toBe(
      'alex@company.com signed in through single sign-on',
    )
    const refused = { ...entry('sign-in-refused', {}), reason: 'This account is deactivated; ask your admin' }
    expect(describeAudit(refused, names)).toBe(
      'alex@company.com was refused at sign-in: This account is deactivated; ask your admin',
    )
  })
})
