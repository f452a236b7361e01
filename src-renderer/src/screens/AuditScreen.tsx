import { useEffect, useState } from 'react'
import { ErrorNotice } from '../components/ErrorNotice'
import { ACTION_GROUPS, describeAudit, SIGN_INS } from '../audit-text'
import { formatDate, formatTime } from '../format'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'
import type { AuditEntry, TeamUser } from '../api/workflow-service'

const PAGE = 50

/** The whole audit trail for admins: who did what and when, filtered, newest first, sign-ins hidden unless asked. */
export function AuditScreen() {
  const service = useSession((s) => s.service)
  const [users, setUsers] = useState<TeamUser[]>([])
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [nextBefore, setNextBefore] = useState<number | null>(null)
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const [group, setGroup] = useState('')
  const [actor, setActor] = useState('')
  const [from, setFrom] = useState('')
  const [until, setUntil] = useState('')
  useShortcuts({ Escape: () => navigate({ name: 'team' }) })

  const chosen = ACTION_GROUPS.find((g) => g.label === group)
  const filter = {
    ...(chosen ? { action: chosen.actions } : { except: SIGN_INS }),
    actor: actor || undefined,
    // The day picked is whole: from its start, until the end of the last day.
    from: from ? `${from}T00:00:00.000Z` : undefined,
    until: until ? new Date(Date.parse(`${until}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
  }
  const load = (before?: number) => {
    if (!service) return
    service
      .audit({ ...filter, limit: PAGE, before })
      .then((answer) => {
        setEntries((shown) => (before ? [...(shown ?? []), ...answer.entries] : answer.entries))
        setNextBefore(answer.nextBefore)
        setError(null)
      })
      .catch((failure) => setError(describeError(failure)))
  }
  useEffect(() => {
    service
      ?.users()
      .then((answer) => setUsers(answer.users))
      .catch(() => undefined)
  }, [service])
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when a filter changes
  useEffect(() => load(), [service, group, actor, from, until])
  if (!service) return null
  const nameOf = (id: string | null) => users.find((u) => u.id === id)?.name ?? id ?? ''

  return (
    <main className="settings audit-screen">
      <a href="#/team" className="back">
        ← Team <kbd>Esc</kbd>
      </a>
      <h1>Audit trail</h1>
      <form className="filters" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>What</span>
          <select value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">Everything but sign-ins</option>
            {ACTION_GROUPS.map((g) => (
              <option key={g.label}>{g.label}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Who</span>
          <select value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>From</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>Until</span>
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
      </form>
      {error && <ErrorNotice error={error} onRetry={() => load()} />}
      {entries && entries.length === 0 && <p className="empty">Nothing recorded matches these filters.</p>}
      {entries && entries.length > 0 && (
        <table className="outbox">
          <caption>
            {entries.length}
            {nextBefore ? '+' : ''} entries, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>
                  {formatDate(entry.at)} {formatTime(entry.at)}
                </td>
                <td>{describeAudit(entry, nameOf)}</td>
                <td>{entry.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore && (
        <button type="button" onClick={() => load(nextBefore)}>
          Show older entries
        </button>
      )}
    </main>
  )
}
