import { useEffect, useState, type FormEvent } from 'react'
import type { QueueItem, QueueResponse } from '../../../src-main/core/api/types'
import { ErrorNotice } from '../components/ErrorNotice'
import { formatDate, formatDays, formatMoney, formatStatus } from '../format'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'
import type { TeamCsm, TeamUser } from '../../../src-main/core/team/types'

/**
 * A CSM's queue as they see it, read only, for an admin: pick workflows (or all their open
 * work) and hand them to another CSM, with a reason.
 */
export function CsmQueueScreen({ csmId }: { csmId: string }) {
  const service = useSession((s) => s.service)
  const [queue, setQueue] = useState<QueueResponse | null>(null)
  const [users, setUsers] = useState<TeamUser[]>([])
  const [loads, setLoads] = useState<Map<string, TeamCsm>>(new Map())
  /** The workflows a reassignment of more than one would move, waiting for the admin's yes. */
  const [confirming, setConfirming] = useState<string[] | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [to, setTo] = useState('')
  const [reason, setReason] = useState('')
  const [alsoOwner, setAlsoOwner] = useState(false)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  useShortcuts({ Escape: () => navigate({ name: 'team' }) })

  const load = () => {
    if (!service) return
    // The users list names the CSMs (the team overview would count everyone's work for nothing).
    Promise.all([service.getWorkflowQueue(csmId), service.users(), service.team()])
      .then(([q, answer, team]) => {
        setQueue(q)
        setUsers(answer.users)
        setLoads(new Map(team.csms.map((c) => [c.id, c])))
        setSelected(new Set())
      })
      .catch((failure) => setError(describeError(failure)))
  }
  useEffect(load, [service, csmId])

  if (!service) return null
  const owner = users.find((c) => c.id === csmId)
  const items: QueueItem[] = queue ? [...queue.workflows, ...queue.snoozed] : []
  const takers = users.filter((c) => c.active && c.role === 'csm' && c.id !== csmId)
  const arrOf = (ids: readonly string[]) =>
    items.filter((i) => ids.includes(i.id)).reduce((sum, i) => sum + i.customer.arr, 0)
  /** More than one workflow is a mass action: it waits for a second look. */
  const ask = (ids: string[]) => {
    if (!ids.length || !to || !reason.trim()) return
    if (ids.length > 1) setConfirming(ids)
    else void move(ids)
  }
  const move = async (ids: string[]) => {
    setConfirming(null)
    if (!ids.length || !to || !reason.trim()) return
    setBusy(true)
    setError(null)
    try {
      const { reassigned } = await service.reassign(ids, to, reason.trim(), alsoOwner)
      const name = users.find((c) => c.id === to)?.name ?? to
      setDone(`Reassigned ${reassigned} workflow${reassigned === 1 ? '' : 's'} to ${name}.`)
      setReason('')
      load()
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    ask([...selected])
  }
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected)
    if (on) next.add(id)
    else next.delete(id)
    setSelected(next)
  }

  return (
    <main className="settings team-screen">
      <a href="#/team" className="back">
        ← Team <kbd>Esc</kbd>
      </a>
      <h1>{owner ? `${owner.name}'s queue` : 'Queue'}</h1>
      <p className="muted">
        {owner ? `As ${owner.name} sees it` : 'As they see it'}; read only. Pick workflows to hand them to another CSM.
      </p>
      {error && <ErrorNotice error={error} onRetry={load} />}
      {done && (
        <p className="notice done" role="status">
          {done}
        </p>
      )}
      {queue && (
        <>
          <table className="outbox">
            <caption>
              {items.length} open workflow{items.length === 1 ? '' : 's'}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={items.length > 0 && selected.size === items.length}
                    onChange={(e) => setSelected(new Set(e.target.checked ? items.map((i) => i.id) : []))}
                  />
                </th>
                <th scope="col">Priority</th>
                <th scope="col">Customer</th>
                <th scope="col">ARR</th>
                <th scope="col">Renewal</th>
                <th scope="col">Stage</th>
                <th scope="col">Health</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${item.customer.name}`}
                      checked={selected.has(item.id)}
                      onChange={(e) => toggle(item.id, e.target.checked)}
                    />
                  </td>
                  <td className="num">{item.workflow.priorityScore}</td>
                  <td>
                    <a href={`#/workflow/${encodeURIComponent(item.id)}`}>{item.customer.name}</a>
                  </td>
                  <td>{formatMoney(item.customer.arr)}</td>
                  <td>
                    {formatDate(item.customer.renewalDate)}{' '}
                    <span className="muted">{formatDays(item.workflow.daysUntilRenewal)}</span>
                  </td>
                  <td>
                    <span className={`stage stage-${item.workflow.stage.toLowerCase()}`}>{item.workflow.stage}</span>
                  </td>
                  <td>{item.intelligence.healthScore ?? '–'}</td>
                  <td>{item.workflow.snooze ? 'Snoozed' : formatStatus(item.workflow.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form onSubmit={submit} aria-label="Reassign">
            <label className="field">
              <span>Reassign to</span>
              <select value={to} onChange={(e) => setTo(e.target.value)} required>
                <option value="">Choose a CSM</option>
                {takers.map((c) => {
                  const load = loads.get(c.id)
                  return (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {load ? ` · ${load.pending + load.inProgress} open, ${formatMoney(load.openArr)}` : ''}
                    </option>
                  )
                })}
              </select>
            </label>
            <label className="field">
              <span>Reason</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} />
            </label>
            <label className="check">
              <input type="checkbox" checked={alsoOwner} onChange={(e) => setAlsoOwner(e.target.checked)} />
              Also make them the account owner
            </label>
            <div className="form-buttons">
              <button type="submit" className="primary" disabled={busy || !selected.size || !to || !reason.trim()}>
                Reassign {selected.size} selected
              </button>
              <button
                type="button"
                disabled={busy || !items.length || !to || !reason.trim()}
                onClick={() => ask(items.map((i) => i.id))}
              >
                Reassign all {items.length} open
              </button>
            </div>
            {confirming && (
              <ConfirmMove
                count={confirming.length}
                arr={arrOf(confirming)}
                to={users.find((c) => c.id === to)?.name ?? to}
                load={loads.get(to)}
                busy={busy}
                onConfirm={() => void move(confirming)}
                onKeep={() => setConfirming(null)}
              />
            )}
          </form>
        </>
      )}
    </main>
  )
}

/** The second look a mass reassignment takes: how many, how much ARR, and the taker's load after. */
function ConfirmMove({
  count,
  arr,
  to,
  load,
  busy,
  onConfirm,
  onKeep,
}: {
  count: number
  arr: number
  to: string
  load: TeamCsm | undefined
  busy: boolean
  onConfirm: () => void
  onKeep: () => void
}) {
  const open = (load ? load.pending + load.inProgress : 0) + count
  const openArr = (load?.openArr ?? 0) + arr
  return (
    <div className="notice warn" role="group" aria-label="Confirm reassignment">
      <p>
        Move {count} workflows ({formatMoney(arr)} ARR) to {to}? {to} would then hold {open} open workflows and{' '}
        {formatMoney(openArr)} of open ARR.
      </p>
      <div className="form-buttons">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm} autoFocus>
          Reassign {count} to {to}
        </button>
        <button type="button" onClick={onKeep}>
          Keep them where they are
        </button>
      </div>
    </div>
  )
}
