import type { OutboxRow } from '../store/store'

/** After this many failed tries an entry that is still waiting is flagged to the CSM. */
export const STUCK_AFTER_ATTEMPTS = 10

export interface OutboxEntry {
  id: string
  workflowId: string
  kind: OutboxRow['kind']
  path: string
  body: unknown
  createdAt: string
  attempts: number
  lastError: string | null
  status: 'pending' | 'rejected'
  rejection: unknown
  /** The rejected entry of the same workflow this one waits behind (it is not sent until then). */
  heldBy: string | null
  /** Waiting, but failed so often that the CSM should look at it. */
  stuck: boolean
  /** The account it concerns, and the step's name for a step: how the app names the change. */
  customerName: string | null
  stepName: string | null
}

/**
 * Order is kept within a workflow, not across workflows: once an entry is rejected, the later
 * entries of its workflow wait behind it (each maps to the rejected entry), so a step chosen
 * after a refused step never lands on its own.
 */
export function heldEntries(rows: readonly OutboxRow[]): Map<string, string> {
  const rejectedIn = new Map<string, string>()
  const held = new Map<string, string>()
  for (const row of rows) {
    const blocker = rejectedIn.get(row.workflow_id)
    if (row.status === 'rejected') {
      if (!blocker) rejectedIn.set(row.workflow_id, row.id)
    } else if (blocker) {
      held.set(row.id, blocker)
    }
  }
  return held
}

export function toOutboxEntry(
  row: OutboxRow,
  heldBy: string | null,
  names: { customerName: string | null; stepName: string | null } = { customerName: null, stepName: null },
): OutboxEntry {
  return {
    ...names,
    id: row.id,
    workflowId: row.workflow_id,
    kind: row.kind,
    path: row.path,
    body: JSON.parse(row.body_json),
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
    status: row.status,
    rejection: row.rejection_json ? JSON.parse(row.rejection_json) : null,
    heldBy,
    stuck: row.status === 'pending' && row.attempts >= STUCK_AFTER_ATTEMPTS,
  }
}

/** What the server's answer says in a line: its error code and message, or its status code. */
export function describeAnswer(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  if (typeof error?.code === 'string') {
    return `${error.code}: ${typeof error.message === 'string' ? error.message : 'rejected by the team server'}`
  }
  return `HTTP ${status}: the team server refused the change`
}
