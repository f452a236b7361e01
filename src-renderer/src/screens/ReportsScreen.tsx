import { useEffect, useState, type ReactNode } from 'react'
import { quarterOf } from '../../../src-main/core/reports/formulas'
import type { OutcomeFigures } from '../../../src-main/core/reports/types'
import type { ActivityReport, ForecastReport, OutcomesReport, TeamUser } from '../api/workflow-service'
import { ErrorNotice } from '../components/ErrorNotice'
import { ForecastChart } from '../components/ForecastChart'
import { downloadCsv, toCsv } from '../csv'
import { formatDate, formatMoney } from '../format'
import { CATEGORY_KEYS, CATEGORY_LABELS } from '../forecast-labels'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { businessToday, useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'

type Tab = 'forecast' | 'outcomes' | 'activity'
type Failure = { message: string; offline: boolean }

const ratio = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`)

/**
 * Reports for leaders and CSMs: the renewal forecast by month, outcomes with GRR and NRR, and
 * time per step. Admins see the team or pick a CSM; a CSM sees their own, offline too on a desk.
 */
export function ReportsScreen() {
  const { service, user } = useSession()
  const [tab, setTab] = useState<Tab>('forecast')
  const [csmId, setCsmId] = useState('')
  const [users, setUsers] = useState<TeamUser[]>([])
  const admin = user?.role === 'admin'
  useShortcuts({ Escape: () => navigate({ name: 'queue' }) })
  useEffect(() => {
    if (!admin || !service) return
    service
      .users()
      .then((answer) => setUsers(answer.users.filter((u) => u.role === 'csm')))
      .catch(() => undefined)
  }, [admin, service])
  if (!service || !user) return null
  const scope = admin ? csmId || undefined : undefined
  const who = admin ? (users.find((u) => u.id === csmId)?.name ?? 'The team') : 'Your accounts'
  return (
    <main className="settings reports-screen">
      <h1>Reports</h1>
      <div className="report-bar">
        <div role="tablist" aria-label="Report">
          {(['forecast', 'outcomes', 'activity'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'chip on' : 'chip'}
              onClick={() => setTab(name)}
            >
              {name === 'forecast' ? 'Forecast' : name === 'outcomes' ? 'Outcomes' : 'Activity'}
            </button>
          ))}
        </div>
        {admin && (
          <label>
            <span>CSM</span>
            <select value={csmId} onChange={(e) => setCsmId(e.target.value)}>
              <option value="">The whole team</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <section role="tabpanel" aria-label={`${who}: ${tab}`}>
        {tab === 'forecast' && <ForecastTab csmId={scope} who={who} />}
        {tab === 'outcomes' && <OutcomesTab csmId={scope} who={who} />}
        {tab === 'activity' && <ActivityTab csmId={scope} personal={!admin} />}
      </section>
    </main>
  )
}

/** Loads a report when its scope changes; a failure shows with a retry. */
function useReport<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [report, setReport] = useState<T | null>(null)
  const [error, setError] = useState<Failure | null>(null)
  const run = () => {
    load()
      .then((answer) => {
        setReport(answer)
        setError(null)
      })
      .catch((failure) => setError(describeError(failure)))
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the scope changes
  useEffect(run, deps)
  return { report, error, retry: run }
}

function Loading({ error, retry, children }: { error: Failure | null; retry: () => void; children: ReactNode }) {
  if (error) return <ErrorNotice error={error} onRetry={retry} />
  return (
    children ?? (
      <p className="loading" role="status">
        Loading the report…
      </p>
    )
  )
}

function Offline({ offline }: { offline?: boolean }) {
  if (!offline) return null
  return (
    <p className="notice warn" role="note">
      The team server is out of reach: this is from what this desk holds (your accounts in its queue), and may be
      behind.
    </p>
  )
}

function ForecastTab({ csmId, who }: { csmId?: string; who: string }) {
  const service = useSession((s) => s.service)!
  const { report, error, retry } = useReport<ForecastReport>(
    () => service.forecastReport({ from: businessToday.slice(0, 7), months: 12, csmId }),
    [service, csmId],
  )
  const rows = (r: ForecastReport) => [
    [
      'Month',
      'Accounts',
      'ARR',
      'Forecast ARR',
      ...CATEGORY_KEYS.map(([, c]) => `${CATEGORY_LABELS[c]} ARR`),
      'At-risk accounts',
      'At-risk ARR',
      'Covered accounts',
    ],
    ...r.months.map((m) => [
      m.month,
      m.accounts,
      m.arr,
      m.forecastArr,
      ...CATEGORY_KEYS.map(([key]) => m.byCategory[key].arr),
      m.atRisk.accounts,
      m.atRisk.arr,
      m.covered.accounts,
    ]),
  ]
  return (
    <Loading error={error} retry={retry}>
      {report && (
        <>
          <Offline offline={report.offline} />
          <h2>{who}: renewals of the next 12 months</h2>
          <ul className="import-counts" aria-label="Forecast totals">
            <li>
              <strong>{formatMoney(report.totals.arr)}</strong> renewing ({report.totals.accounts} accounts)
            </li>
            <li>
              <strong>{formatMoney(report.totals.forecastArr)}</strong> forecast
            </li>
            <li className={report.totals.atRisk.arr ? 'bad' : undefined}>
              <strong>{formatMoney(report.totals.atRisk.arr)}</strong> at risk ({report.totals.atRisk.accounts})
            </li>
            <li>
              <strong>{report.totals.covered.accounts}</strong> of {report.totals.accounts} covered by a workflow
            </li>
          </ul>
          <ForecastChart months={report.months} />
          <table className="outbox report-table">
            <caption>
              By renewal month{' '}
              <button type="button" className="subtle" onClick={() => downloadCsv('forecast.csv', toCsv(rows(report)))}>
                Export CSV
              </button>
            </caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Accounts</th>
                <th scope="col">ARR</th>
                <th scope="col">Forecast</th>
                {CATEGORY_KEYS.map(([key, c]) => (
                  <th scope="col" key={key}>
                    {CATEGORY_LABELS[c]}
                  </th>
                ))}
                <th scope="col">At risk</th>
                <th scope="col">Covered</th>
              </tr>
            </thead>
            <tbody>
              {report.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{formatMonth(m.month)}</th>
                  <td className="num">{m.accounts}</td>
                  <td className="num">{formatMoney(m.arr)}</td>
                  <td className="num">{formatMoney(m.forecastArr)}</td>
                  {CATEGORY_KEYS.map(([key]) => (
                    <td className="num" key={key}>
                      {m.byCategory[key].accounts ? formatMoney(m.byCategory[key].arr) : '–'}
                    </td>
                  ))}
                  <td className={`num${m.atRisk.arr ? ' bad' : ''}`} data-testid={`at-risk-${m.month}`}>
                    {formatMoney(m.atRisk.arr)} ({m.atRisk.accounts})
                  </td>
                  <td className="num">
                    {m.covered.accounts} of {m.accounts}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Loading>
  )
}

const formatMonth = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })

function OutcomesTab({ csmId, who }: { csmId?: string; who: string }) {
  const service = useSession((s) => s.service)!
  const quarters = [quarterOf(businessToday), quarterOf(businessToday, 1)]
  const { report, error, retry } = useReport<OutcomesReport[]>(
    () => Promise.all(quarters.map((q) => service.outcomesReport({ ...q, csmId }))),
    [service, csmId],
  )
  return (
    <Loading error={error} retry={retry}>
      {report && (
        <>
          <Offline offline={report.some((r) => r.offline)} />
          {report.map((r, index) => (
            <OutcomesTable key={r.from} report={r} title={`${who}: ${index === 0 ? 'this quarter' : 'last quarter'}`} />
          ))}
        </>
      )}
    </Loading>
  )
}

function OutcomesTable({ report, title }: { report: OutcomesReport; title: string }) {
  const lines: { name: string; figures: OutcomeFigures }[] = [
    { name: 'All', figures: report },
    ...(report.byCsm.length > 1 ? report.byCsm.map((c) => ({ name: c.name, figures: c })) : []),
  ]
  const csv = () =>
    toCsv([
      [
        'CSM',
        'Due',
        'Due ARR',
        'Renewed',
        'ARR before',
        'ARR after',
        'Churned',
        'Churned ARR',
        'Open',
        'Open ARR',
        'Expansion',
        'Contraction',
        'GRR',
        'NRR',
        'Forecast accuracy',
      ],
      ...lines.map(({ name, figures: f }) => [
        name,
        f.due.accounts,
        f.due.arr,
        f.renewed.accounts,
        f.renewed.arrBefore,
        f.renewed.arrAfter,
        f.churned.accounts,
        f.churned.arr,
        f.open.accounts,
        f.open.arr,
        f.expansion,
        f.contraction,
        f.grr,
        f.nrr,
        f.forecastAccuracy,
      ]),
    ])
  return (
    <table className="outbox report-table">
      <caption>
        {title}: renewals due {formatDate(report.from)} to {formatDate(report.to)}{' '}
        <button type="button" className="subtle" onClick={() => downloadCsv(`outcomes-${report.from}.csv`, csv())}>
          Export CSV
        </button>
      </caption>
      <thead>
        <tr>
          <th scope="col">CSM</th>
          <th scope="col">Due</th>
          <th scope="col">Renewed</th>
          <th scope="col">Churned</th>
          <th scope="col">Open</th>
          <th scope="col">GRR</th>
          <th scope="col">NRR</th>
          <th scope="col">Forecast accuracy</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(({ name, figures: f }) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">
              {f.due.accounts} · {formatMoney(f.due.arr)}
            </td>
            <td className="num">
              {f.renewed.accounts} · {formatMoney(f.renewed.arrBefore)} → {formatMoney(f.renewed.arrAfter)}
            </td>
            <td className={`num${f.churned.accounts ? ' bad' : ''}`}>
              {f.churned.accounts} · {formatMoney(f.churned.arr)}
            </td>
            <td className="num">
              {f.open.accounts} · {formatMoney(f.open.arr)}
            </td>
            <td className="num">{ratio(f.grr)}</td>
            <td className="num">{ratio(f.nrr)}</td>
            <td className="num">{ratio(f.forecastAccuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ActivityTab({ csmId, personal }: { csmId?: string; personal: boolean }) {
  const service = useSession((s) => s.service)!
  const period = quarterOf(businessToday)
  const { report, error, retry } = useReport<ActivityReport>(
    () => service.activityReport({ ...period, csmId }),
    [service, csmId],
  )
  const csv = (r: ActivityReport) =>
    toCsv([
      ['CSM', 'Step', 'Times', 'Median minutes', 'p90 minutes', 'Team median minutes'],
      ...r.csms.flatMap((c) =>
        c.steps.map((s) => [c.name, s.name, s.count, s.medianMinutes, s.p90Minutes, s.teamMedianMinutes]),
      ),
    ])
  return (
    <Loading error={error} retry={retry}>
      {report && (
        <>
          <Offline offline={report.offline} />
          <p className="muted">
            This quarter, {formatDate(report.from)} to {formatDate(report.to)}.{' '}
            <button type="button" className="subtle" onClick={() => downloadCsv('activity.csv', csv(report))}>
              Export CSV
            </button>
          </p>
          {report.csms.length === 0 && <p className="empty">No activity recorded in this quarter.</p>}
          {report.csms.map((c) => (
            <article key={c.csmId} className="activity-card" aria-label={c.name}>
              <h2>{personal ? 'Your work' : c.name}</h2>
              <ul className="import-counts">
                <li>
                  <strong>{c.workflowsCompleted}</strong> workflows completed ({c.onTime} before their renewal date)
                </li>
                <li>
                  <strong>{c.stepsCompleted}</strong> steps done
                </li>
                <li>
                  <strong>{c.stepsSkipped}</strong> skipped
                </li>
              </ul>
              {c.skipReasons.length > 0 && (
                <>
                  <h3>Why steps were skipped</h3>
                  <ol className="skip-reasons">
                    {c.skipReasons.map((r) => (
                      <li key={r.reason}>
                        {r.reason} <span className="muted">({r.count})</span>
                      </li>
                    ))}
                  </ol>
                </>
              )}
              {c.steps.length > 0 && (
                <table className="outbox report-table">
                  <caption>Minutes per step</caption>
                  <thead>
                    <tr>
                      <th scope="col">Step</th>
                      <th scope="col">Times</th>
                      <th scope="col">Median</th>
                      <th scope="col">p90</th>
                      <th scope="col">Team median</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.steps.map((s) => (
                      <tr key={s.stepId}>
                        <th scope="row">{s.name}</th>
                        <td className="num">{s.count}</td>
                        <td className="num">{s.medianMinutes}</td>
                        <td className="num">{s.p90Minutes}</td>
                        <td className="num">{s.teamMedianMinutes}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </article>
          ))}
        </>
      )}
    </Loading>
  )
}
