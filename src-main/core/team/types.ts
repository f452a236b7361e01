/**
 * The shapes of the admin API's answers, plain types only: the renderer's admin screens read
 * them too.
 */
export interface TeamCsm {
  id: string
  name: string
  email: string
  experience: string
  active: boolean
  /** As their own queue counts them (snoozed ones aside). */
  pending: number
  inProgress: number
  /** Open workflows whose renewal date has passed. */
  overdue: number
  completedLast30Days: number
  /** ARR of the accounts in their open workflows. */
  openArr: number
  nextRenewal: string | null
}

export interface TeamResponse {
  success: true
  csms: TeamCsm[]
  totals: {
    csms: number
    pending: number
    inProgress: number
    overdue: number
    completedLast30Days: number
    openArr: number
  }
  stages: { stage: string; workflows: number; arr: number }[]
  /** Active accounts renewing within 30 days that no open workflow covers. */
  uncovered: {
    customerId: string
    name: string
    arr: number
    renewalDate: string
    owner: { id: string; name: string }
  }[]
}

export interface TeamUser {
  id: string
  email: string
  name: string
  role: 'csm' | 'admin'
  experience: string
  active: boolean
  openWorkflows: number
}

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-refused'
  | 'sign-out'
  | 'reassign'
  | 'user-added'
  | 'user-changed'
  | 'user-deactivated'
  | 'password-changed'
  | 'password-reset'
  | 'user-activated'
  | 'import'
  | 'sync-connected'
  | 'sync-signed-out'
  | 'forecast-set'
  | 'renewal-recorded'
  | 'scorecard-saved'
  | 'playbook-created'
  | 'playbook-draft-saved'
  | 'playbook-draft-discarded'
  | 'playbook-published'
  | 'playbook-rolled-back'
  | 'playbook-started'
  | 'stage-pointed'

export interface AuditEntry {
  seq: number
  at: string
  actor: { id: string | null; email: string }
  action: AuditAction
  subject: string | null
  reason: string | null
  details: Record<string, unknown>
}
