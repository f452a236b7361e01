import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { ApiFailure } from '../api/workflow-service'
import { describeError } from '../stores/errors'
import { STAGES } from '../../../src-main/core/domain/stages'
import type { QueueItem } from '../../../src-main/core/api/types'
import { ErrorNotice } from '../components/ErrorNotice'
import { VirtualList } from '../components/VirtualList'
import { explainPriority, formatDate, formatDays, formatMoney, formatStatus } from '../format'
import { navigate } from '../router'
import { filterQueue, useQueue } from '../stores/queue'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'

const ROW_HEIGHT = 44
const openWorkflow = (id: string) => navigate({ name: 'workflow', id })

export function QueueScreen() {
  const { service, user } = useSession()
  const { queue, loading, error, filters, selectedId, load, setFilters, select } = useQueue()
  const search = useRef<HTMLInputElement>(null)
  const [startError, setStartError] = useState<{ message: string; offline: boolean } | null>(null)

  useEffect(() => {
    // Coming back to the queue reloads it; right after sign-in it is fresh already.
    if (service && user && Date.now() - useQueue.getState().loadedAt > 1000) void load(service, user.id)
  }, [service, user, load])

  const visible = useMemo(() => filterQueue(queue?.workflows ?? [], filters), [queue, filters])
  const activeIndex = visible.findIndex((w) => w.id === selectedId)
  const open = openWorkflow

  useShortcuts({
    '/': () => search.current?.focus(),
    j: () => visible.length && select(visible[Math.min(visible.length - 1, activeIndex + 1)]!.id),
    ArrowDown: () => visible.length && select(visible[Math.min(visible.length - 1, activeIndex + 1)]!.id),
    k: () => visible.length && select(visible[Math.max(0, activeIndex - 1)]!.id),
    ArrowUp: () => visible.length && select(visible[Math.max(0, activeIndex - 1)]!.id),
    Enter: () => selectedId && activeIndex >= 0 && open(selectedId),
    r: () => service && user && void load(service, user.id),
  })

  if (!queue) {
    if (error) return <ErrorNotice error={error} onRetry={() => service && user && void load(service, user.id)} />
    return (
      <p className="loading" role="status">
        Loading your queue…
      </p>
    )
  }

  const top = queue.workflows[0]
  const startTop = async () => {
    if (!top || !service || !user) return
    if (top.workflow.status === 'pending') {
      try {
        await service.startWorkflow(top.id, user.id)
      } catch (failure) {
        if (!(failure instanceof ApiFailure && failure.code === 'WORKFLOW_ALREADY_STARTED')) {
          setStartError(describeError(failure))
          return
        }
      }
    }
    open(top.id)
  }
  return (
    <main className="queue-screen" aria-busy={loading}>
      <h1 className="visually-hidden">Your queue</h1>
      {error && <ErrorNotice error={error} onRetry={() => service && user && void load(service, user.id)} />}
      {startError && <ErrorNotice error={startError} />}
      {top ? <TodayCard item={top} onStart={() => void startTop()} /> : <EmptyQueue />}
      <section className="stats" aria-label="Queue stats">
        <Stat label="Total" value={queue.stats.totalWorkflows} />
        <Stat label="Pending" value={queue.stats.pending} />
        <Stat label="In progress" value={queue.stats.inProgress} />
        <Stat label="Completed today" value={queue.stats.completedToday} />
      </section>
      {queue.snoozed.length > 0 && <Snoozed items={queue.snoozed} />}
      <section className="filters" aria-label="Filters">
        <label>
          <span>Search customers</span>
          <input
            ref={search}
            type="search"
            placeholder="Name or domain  ( / )"
            value={filters.search}
            onChange={(e) => setFilters({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur()
              if (e.key === 'Enter' && visible[0]) {
                select(visible[0].id)
                e.currentTarget.blur()
              }
            }}
          />
        </label>
        <label>
          <span>Stage</span>
          <select value={filters.stage} onChange={(e) => setFilters({ stage: e.target.value })}>
            <option value="all">All stages</option>
            {STAGES.map((stage) => (
              <option key={stage}>{stage}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select
            value={filters.status}
            onChange={(e) => setFilters({ status: e.target.value as typeof filters.status })}
          >
            <option value="all">All statuses</option>
            <option value="pending">Pending</option>
            <option value="in_progress">In progress</option>
          </select>
        </label>
        <span className="muted" role="status">
          {visible.length} of {queue.workflows.length} shown
        </span>
      </section>
      {visible.length === 0 ? (
        <p className="empty">No workflow matches these filters.</p>
      ) : (
        <VirtualList
          items={visible}
          rowHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          label="Workflow queue"
          header={
            <div className="qrow qhead" role="row">
              {['Priority', 'Customer', 'ARR', 'Renewal', 'Stage', 'Status', 'Health', 'Risk'].map((h) => (
                <span role="columnheader" key={h}>
                  {h}
                </span>
              ))}
            </div>
          }
          renderRow={(item, index) => (
            <QueueRow
              item={item}
              index={index}
              selected={item.id === selectedId}
              onSelect={select}
              onOpen={openWorkflow}
            />
          )}
        />
      )}
    </main>
  )
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  )
}

function EmptyQueue() {
  return (
    <section className="today empty-today" aria-label="Today">
      <h2>Nothing waiting for you</h2>
      <p>No pending or in-progress workflows are assigned to you. New renewals appear here as they come in.</p>
    </section>
  )
}

function TodayCard({ item, onStart }: { item: QueueItem; onStart: () => void }) {
  const resume = item.workflow.status === 'in_progress'
  return (
    <section className="today" aria-label="Most important today">
      <p className="eyebrow">Most important today</p>
      <h2 id="today-title">{item.customer.name}</h2>
      <p className="today-facts">
        <span className={`stage stage-${item.workflow.stage.toLowerCase()}`}>{item.workflow.stage}</span> renews{' '}
        {formatDate(item.customer.renewalDate)} ({formatDays(item.workflow.daysUntilRenewal)}) ·{' '}
        {formatMoney(item.customer.arr)} ARR · health {item.intelligence.healthScore ?? '–'} · risk{' '}
        {item.intelligence.riskScore ?? '–'}
      </p>
      <div className="why" aria-label="Why it is first">
        <strong>Priority {item.workflow.priorityScore}</strong>
        <ul>
          {explainPriority(item.workflow.priorityFactors).map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </div>
      {item.intelligence.aiSummary && <p className="summary">{item.intelligence.aiSummary}</p>}
      <button type="button" className="primary" onClick={onStart}>
        {resume ? 'Resume' : 'Start'} {item.customer.name}
      </button>
    </section>
  )
}

/** A row re-renders only when its own item, place or selection changes (not on every keystroke). */
const QueueRow = memo(function QueueRow({
  item,
  index,
  selected,
  onSelect,
  onOpen,
}: {
  item: QueueItem
  index: number
  selected: boolean
  onSelect: (id: string) => void
  onOpen: (id: string) => void
}) {
  const why = explainPriority(item.workflow.priorityFactors).join('; ')
  return (
    <div
      className={`qrow${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      onClick={() => onSelect(item.id)}
      onDoubleClick={() => onOpen(item.id)}
    >
      <span role="gridcell" className="num" title={why}>
        {item.workflow.priorityScore}
      </span>
      <span role="gridcell" className="customer">
        <button type="button" className="link" onClick={() => onOpen(item.id)} tabIndex={selected ? 0 : -1}>
          {item.customer.name}
        </button>
        <span className="muted">{item.customer.domain}</span>
      </span>
      <span role="gridcell" className="num">
        {formatMoney(item.customer.arr)}
      </span>
      <span role="gridcell">
        {formatDate(item.customer.renewalDate)}{' '}
        <span className="muted">{formatDays(item.workflow.daysUntilRenewal)}</span>
      </span>
      <span role="gridcell">
        <span className={`stage stage-${item.workflow.stage.toLowerCase()}`}>{item.workflow.stage}</span>
      </span>
      <span role="gridcell">{formatStatus(item.workflow.status)}</span>
      <span role="gridcell" className="num">
        {item.intelligence.healthScore ?? '–'}
      </span>
      <span role="gridcell" className="num">
        {item.intelligence.riskScore ?? '–'}
      </span>
    </div>
  )
})

/** Workflows asleep until a day: out of the queue and its counts, one click from waking. */
function Snoozed({ items }: { items: readonly QueueItem[] }) {
  const { service, user } = useSession()
  const load = useQueue((s) => s.load)
  const [shown, setShown] = useState(false)
  const [resumeError, setResumeError] = useState<{ message: string; offline: boolean } | null>(null)
  const resume = async (id: string) => {
    if (!service || !user) return
    try {
      await service.resumeWorkflow(id)
      setResumeError(null)
    } catch (failure) {
      setResumeError(describeError(failure))
    }
    await load(service, user.id)
  }
  return (
    <section className="snoozed" aria-label="Snoozed">
      <button type="button" className="subtle" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {items.length} snoozed {shown ? '▾' : '▸'}
      </button>
      {shown && (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className="link" onClick={() => openWorkflow(item.id)}>
                {item.customer.name}
              </button>{' '}
              <span className="muted">
                until {formatDate(item.workflow.snooze!.until)}
                {item.workflow.snooze!.reason ? ` · ${item.workflow.snooze!.reason}` : ''}
              </span>{' '}
              <button type="button" onClick={() => void resume(item.id)}>
                Resume
              </button>
            </li>
          ))}
        </ul>
      )}
      {resumeError && <ErrorNotice error={resumeError} />}
    </section>
  )
}
