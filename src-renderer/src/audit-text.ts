import type { AuditEntry } from './api/workflow-service'
import { readable } from './format'

/** Sign-ins, their failures and sign-outs: kept, but hidden unless asked for. */
export const SIGN_INS = ['sign-in', 'sign-in-failed', 'sign-in-refused', 'sign-out']

/** The audit's actions, grouped as an admin filters them. */
export const ACTION_GROUPS: readonly { label: string; actions: readonly string[] }[] = [
  { label: 'Reassignments', actions: ['reassign'] },
  { label: 'User changes', actions: ['user-added', 'user-changed', 'user-deactivated', 'user-activated'] },
  { label: 'Passwords', actions: ['password-changed', 'password-reset'] },
  { label: 'Imports', actions: ['import'] },
  { label: 'Renewals and forecasts', actions: ['renewal-recorded', 'forecast-set'] },
  { label: 'Health scorecard', actions: ['scorecard-saved'] },
  {
    label: 'Playbooks',
    actions: [
      'playbook-created',
      'playbook-draft-saved',
      'playbook-draft-discarded',
      'playbook-published',
      'playbook-rolled-back',
      'playbook-started',
      'stage-pointed',
    ],
  },
  { label: 'Sign-ins', actions: SIGN_INS },
  { label: 'Team server connections', actions: ['sync-connected', 'sync-signed-out'] },
]

type Change = { from: unknown; to: unknown }

/** A field's change in words: "made Tom Becker an admin (was CSM)", "experience mid → senior". */
function changeText(field: string, change: Change): string {
  const from = change.from === true ? 'yes' : change.from === false ? 'no' : readable(String(change.from))
  const to = change.to === true ? 'yes' : change.to === false ? 'no' : readable(String(change.to))
  if (field === 'role') return `role ${from === 'Csm' ? 'CSM' : from} → ${to === 'Csm' ? 'CSM' : to}`
  return `${readable(field).toLowerCase()} ${from} → ${to}`
}

/** What an audit entry says, in a sentence: who did what, to what, and what it was before. */
export function describeAudit(entry: AuditEntry, nameOf: (id: string | null) => string): string {
  const who = entry.actor.email
  const subject = nameOf(entry.subject)
  const details = entry.details as {
    workflows?: { account?: string; fromName?: string; from?: string }[]
    kind?: string
    created?: number
    rows?: number
    failures?: number
    blocked?: number
    serverUrl?: string
    role?: string
  } & Record<string, unknown>
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
  switch (entry.action) {
    case 'reassign': {
      const moved = details.workflows ?? []
      const accounts = moved.map((w) => w.account).filter(Boolean)
      const from = [...new Set(moved.map((w) => w.fromName ?? nameOf(w.from ?? null)))].join(', ')
      const what = accounts.length ? accounts.join(', ') : count(moved.length, 'workflow')
      return `${who} reassigned ${what}${from ? ` from ${from}` : ''} to ${subject}`
    }
    case 'sign-in':
      return `${who} signed in${details.via === 'sso' ? ' through single sign-on' : ''}`
    case 'sign-in-refused':
      return `${who === 'unknown' ? 'Someone' : who} was refused at sign-in: ${entry.reason ?? 'no reason given'}`
    case 'sign-in-failed': {
      const tries = (details.failures ?? 1) + (details.blocked ?? 0)
      return `${count(tries, 'failed sign-in')} as ${who}${details.blocked ? ` (${details.blocked} blocked)` : ''}`
    }
    case 'sign-out':
      return `${who} signed out`
    case 'user-added':
      if (details.via === 'sso')
        return `${who} joined through single sign-on as ${details.role === 'admin' ? 'an admin' : 'a CSM'}`
      return `${who} added ${subject} as ${details.role === 'admin' ? 'an admin' : 'a CSM'}`
    case 'user-changed': {
      const changes = Object.entries(details)
        .filter(([, v]) => v && typeof v === 'object' && 'to' in (v as object))
        .map(([field, v]) => changeText(field, v as Change))
      return `${who} changed ${subject}: ${changes.join(', ') || 'nothing'}`
    }
    case 'user-deactivated':
      return `${who} deactivated ${subject}`
    case 'user-activated':
      return `${who} reactivated ${subject}`
    case 'password-changed':
      return entry.actor.id === entry.subject
        ? `${who} changed their password`
        : `${who} set the password of ${subject}`
    case 'password-reset':
      return `${who} reset the password of ${subject} to a temporary one`
    case 'import':
      return `${who} imported ${count(details.rows ?? 0, `${details.kind ?? ''} row`)} (${details.created ?? 0} new)`
    case 'sync-connected':
      return `${who} connected this desk to ${String(details.serverUrl ?? 'a team server')}`
    case 'sync-signed-out':
      return `${who} signed this desk out of its team server`
    case 'forecast-set':
      return `${who} set the forecast of ${String(details.account ?? 'an account')} (${subject}'s) to ${readable(String(details.category ?? 'unset'))}`
    case 'scorecard-saved':
      return `${who} saved health scorecard version ${String(details.version ?? '?')}`
    case 'playbook-created':
      return `${who} created the playbook ${String(details.name ?? entry.subject)}`
    case 'playbook-draft-saved':
      return `${who} saved a draft of the playbook ${entry.subject ?? ''}`
    case 'playbook-draft-discarded':
      return `${who} discarded the draft of the playbook ${entry.subject ?? ''}`
    case 'playbook-published':
      return `${who} published ${entry.subject ?? 'a playbook'} version ${String(details.version ?? '?')}${entry.reason ? ` (“${entry.reason}”)` : ''}; ${count(Number(details.moved ?? 0), 'pending workflow')} moved to it`
    case 'playbook-rolled-back':
      return `${who} rolled ${entry.subject ?? 'a playbook'} back to version ${String(details.from ?? '?')}, published as version ${String(details.version ?? '?')}`
    case 'playbook-started':
      return `${who} started the playbook ${String(details.playbook ?? '')} on ${String(details.customerId ?? 'an account')} for ${nameOf(String(details.assigneeId ?? ''))}`
    case 'stage-pointed':
      return `${who} pointed the ${entry.subject ?? ''} stage at ${String(details.to ?? '?')} (was ${String(details.from ?? '?')}); ${count(Number(details.moved ?? 0), 'pending workflow')} moved`
    case 'renewal-recorded':
      return `${who} recorded ${String(details.account ?? 'an account')} as ${String(details.result ?? 'closed')} (${subject}'s)`
  }
}
