import type { Handover } from '../../../src-main/core/api/types'
import { formatDate } from '../format'
import { entryLines, type EntryBody } from '../outbox-entry'

const WHY: Record<Handover['why'], string> = {
  reassigned: 'recorded before the workflow was reassigned',
  superseded: 'recorded on the workflow this one replaced',
  cancelled: 'recorded before the workflow was closed',
}

const KIND: Record<Handover['changes'][number]['kind'], string> = {
  start: 'Started',
  'complete-step': 'Step',
  'complete-workflow': 'Completed',
  snooze: 'Snoozed',
  resume: 'Woke',
}

/** Work a former CSM did offline that could not land here: every decision, note and next action. */
export function Handovers({ handovers }: { handovers: readonly Handover[] | undefined }) {
  if (!handovers?.length) return null
  return (
    <section className="handovers" aria-label="Handed over">
      <h2>Handed over</h2>
      {handovers.map((h) => (
        <article key={h.id}>
          <h3>
            From {h.from.name}, {WHY[h.why]} · {formatDate(h.at)}
          </h3>
          <ul>
            {h.changes.map((change, i) => {
              const step = /\/steps\/([^/]+)\/complete$/.exec(change.path)?.[1]
              const lines = entryLines(change.body as EntryBody)
              return (
                <li key={i}>
                  <strong>
                    {KIND[change.kind]}
                    {step ? ` ${decodeURIComponent(step).replace(/-/g, ' ')}` : ''}
                  </strong>{' '}
                  <span className="muted">{formatDate(change.recordedAt)}</span>
                  {lines.length > 0 && (
                    <ul className="entry-lines">
                      {lines.map((line, j) => (
                        <li key={j}>{line}</li>
                      ))}
                    </ul>
                  )}
                </li>
              )
            })}
          </ul>
        </article>
      ))}
    </section>
  )
}
