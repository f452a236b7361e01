/** What an outbox entry carries, as the CSM entered it: everything, so a refused change loses nothing from view. */
export interface EntryBody {
  outputs?: {
    decision?: string
    notes?: string
    tags?: string[]
    customData?: Record<string, string | number | boolean | null>
    nextActions?: { type: string; description: string; dueDate?: string }[]
  }
  reason?: string
  status?: string
  stepId?: string
  description?: string
  until?: string
  totalDuration?: number
  outcomes?: { status?: string; notes?: string; nextSteps?: string[]; confidence?: string }
  /** A playbook started on an account. */
  playbook?: string
  dueDate?: string
  note?: string
}

const label = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()

/** One line a thing the CSM recorded: decision, notes, tags, fields, next actions, outcome, snooze, task. */
export function entryLines(body: EntryBody): string[] {
  const lines: string[] = []
  const { outputs, outcomes } = body
  if (outputs?.decision) lines.push(`Decision: ${outputs.decision}`)
  if (body.status === 'skipped' && body.reason) lines.push(`Skipped: ${body.reason}`)
  if (outputs?.notes) lines.push(`Notes: ${outputs.notes}`)
  if (outputs?.tags?.length) lines.push(`Tags: ${outputs.tags.join(', ')}`)
  for (const [key, value] of Object.entries(outputs?.customData ?? {}))
    if (value !== null && value !== '') lines.push(`${label(key)}: ${String(value)}`)
  for (const action of outputs?.nextActions ?? [])
    lines.push(`Next (${action.type}): ${action.description}${action.dueDate ? `, due ${action.dueDate}` : ''}`)
  if (outcomes?.status ?? (body.status && body.status !== 'completed' && body.status !== 'skipped'))
    lines.push(
      `Outcome: ${outcomes?.status ?? body.status}${outcomes?.confidence ? ` (${outcomes.confidence} confidence)` : ''}`,
    )
  if (outcomes?.notes) lines.push(`Outcome notes: ${outcomes.notes}`)
  for (const step of outcomes?.nextSteps ?? []) lines.push(`Next step: ${step}`)
  if (body.until) lines.push(`Snoozed until ${body.until}${body.reason ? `: ${body.reason}` : ''}`)
  if (body.description) lines.push(body.description)
  if (body.playbook) lines.push(`Playbook ${body.playbook}${body.dueDate ? `, due ${body.dueDate}` : ''}`)
  if (body.note) lines.push(`Note: ${body.note}`)
  return lines
}
