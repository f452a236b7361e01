import { useEffect, useState } from 'react'
import { ErrorNotice } from '../components/ErrorNotice'
import { formatCompactMoney, formatDate, formatMoney, formatTime } from '../format'
import { hrefOf } from '../router'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import type { AuditEntry, TeamResponse } from '../api/workflow-service'
import { describeAudit, SIGN_INS } from '../audit-text'

/** The team at a glance, for admins: each CSM's load and results, open work by stage, what nobody covers, recent changes. */
export function TeamScreen() {
  const service = useSession((s) => s.service)
  const [team, setTeam] = useState<TeamResponse | null>(null)
  const [audit, setAudit] = useState<AuditEntry[]>([])
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const load = () => {
    if (!service) return
    Promise.all([service.team(), service.audit({ except: SIGN_INS, limit: 10 })])
      .then(([t, a]) => {
        setTeam(t)
        setAudit(a.entries.slice(0, 10))
        setError(null)
      })
      .catch((failure) => setError(describeError(failure)))
  }
  useEffect(load, [service])

  if (!service) return null
  const peak = Math.max(1, ...(team?.stages.map((s) => s.workflows) ?? [1]))
  return (
    <main className="settings team-screen">
      <h1>Team</h1>
      {error && <ErrorNotice error={error} onRetry={load} />}
      {!team && !error && (
        <p className="loading" role="status">
          Loading the team…
        </p>
      )}
      {team && (
        <>
          <ul className="import-counts" aria-label="Team totals">
            <li>
              <strong>{team.totals.pending}</strong> pending
            </li>
            <li>
              <strong>{team.totals.inProgress}</strong> in progress
            </li>
            <li className={team.totals.overdue ? 'bad' : undefined}>
              <strong>{team.totals.overdue}</strong> overdue
            </li>
            <li>
              <strong>{team.totals.completedLast30Days}</strong> completed in 30 days
            </li>
            <li>
              <strong>{formatCompactMoney(team.totals.openArr)}</strong> ARR in open work
            </li>
          </ul>
          <table className="outbox">
            <caption>CSMs</caption>
            <thead>
              <tr>
                <th scope="col">CSM</th>
                <th scope="col">Pending</th>
                <th scope="col">In progress</th>
                <th scope="col">Overdue</th>
                <th scope="col">Completed (30 days)</th>
                <th scope="col">Open ARR</th>
                <th scope="col">Next renewal</th>
              </tr>
            </thead>
            <tbody>
              {team.csms.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={hrefOf({ name: 'team-csm', id: c.id })}>{c.name}</a>
                    {!c.active && <span className="muted"> (deactivated)</span>}
                  </th>
                  <td>{c.pending}</td>
                  <td>{c.inProgress}</td>
                  <td className={c.overdue ? 'bad' : undefined}>{c.overdue}</td>
                  <td>{c.completedLast30Days}</td>
                  <td>{formatMoney(c.openArr)}</td>
                  <td>{c.nextRenewal ? formatDate(c.nextRenewal) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-label="Open work by stage">
            <h2>Open work by stage</h2>
            <figure className="bars" aria-label="Open workflows and ARR by stage">
              {team.stages.map((s) => (
                <div className="bar-row" key={s.stage}>
                  <span className="bar-label">{s.stage}</span>
                  <span
                    className="bar-track"
                    role="meter"
                    aria-label={`${s.stage}: ${s.workflows} workflows, ${formatMoney(s.arr)}`}
                    aria-valuemin={0}
                    aria-valuemax={peak}
                    aria-valuenow={s.workflows}
                  >
                    <span className="bar-fill" style={{ width: `${(s.workflows / peak) * 100}%` }} />
                  </span>
                  <span className="bar-value">
                    {s.workflows} · {formatCompactMoney(s.arr)}
                  </span>
                </div>
              ))}
            </figure>
          </section>
          <section aria-label="Renewing soon with no workflow">
            <h2>Renewing within 30 days, with no open workflow</h2>
            {team.uncovered.length === 0 ? (
              <p className="empty">Every account renewing in the next 30 days has an open workflow.</p>
            ) : (
              <ul>
                {team.uncovered.map((u) => (
                  <li key={u.customerId}>
                    {u.name}: {formatMoney(u.arr)}, renews {formatDate(u.renewalDate)} (owner {u.owner.name})
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label="Latest changes">
            <h2>
              Latest changes{' '}
              <a href="#/audit" className="subtle">
                The whole audit trail
              </a>
            </h2>
            {audit.length === 0 ? (
              <p className="empty">Nothing recorded yet.</p>
            ) : (
              <ul className="audit">
                {audit.map((entry) => (
                  <li key={entry.seq}>
                    <span className="muted">
                      {formatDate(entry.at)} {formatTime(entry.at)}
                    </span>{' '}
                    {describeAudit(entry, (id) => team.csms.find((c) => c.id === id)?.name ?? id ?? '')}
                    {entry.reason && <>: “{entry.reason}”</>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  )
}
