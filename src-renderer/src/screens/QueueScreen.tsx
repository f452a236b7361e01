import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { ApiFailure } from '../api/workflow-service'
import { describeError } from '../stores/errors'
import { STAGES } from '../../../src-main/core/domain/stages'
import { CATEGORY_LABELS, FORECAST_ORDER } from '../forecast-labels'
import type { QueueItem } from '../../../src-main/core/api/types'
import { ErrorNotice } from '../components/ErrorNotice'
import { VirtualList } from '../components/VirtualList'
import { explainPriority, formatDate, formatDays, formatMoney, formatStatus, readable } from '../format'
import { navigate } from '../router'
import { filterQueue, orderQueue, useQueue, type QueueSort } from '../stores/queue'
import { BAND_LABELS, useScorecard } from '../stores/scorecard'
import { HealthChip } from '../components/HealthChip'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'

const ROW_HEIGHT = 44

/** The queue's columns; those with a sort key sort the list when their header is pressed. */
const COLUMNS: readonly [string, QueueSort | null][] = [
  ['Priority', 'priority'],
  ['Customer', null],
  ['ARR', 'arr'],
  ['Renewal', 'renewal'],
  ['Stage', 'stage'],
  ['Status', null],
  ['Health', 'health'],
  ['Risk', null],
]
const SORT_DIRECTION: Record<QueueSort, 'ascending' | 'descending'> = {
  priority: 'descending',
  renewal: 'ascending',
  arr: 'descending',
  health: 'ascending',
  stage: 'ascending',
}
const openWorkflow = (id: string) => navigate({ name: 'workflow', id })

export function QueueScreen() {
  const { service, user } = useSession()
  const { queue, loading, error, filters, selectedId, load, setFilters, select, order, setOrder } = useQueue()
  const search = useRef<HTMLInputElement>(null)
  const [startError, setStartError] = useState<{ message: string; offline: boolean } | null>(null)

  useEffect(() => {
    // Coming back to the queue reloads it; right after sign-in it is fresh already.
    if (service && user && Date.now() - useQueue.getState().loadedAt > 1000) void load(service, user.id)
  }, [service, user, load])

  const bands = useScorecard((s) => s.scorecard?.bands)
  const visible = useMemo(
    () => orderQueue(filterQueue(queue?.workflows ?? [], filters, bands), order),
    [queue, filters, order, bands],
  )
  const overdue = useMemo(() => (queue?.workflows ?? []).filter((w) => w.workflow.stage === 'Overdue').length, [queue])
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
    u: () => setOrder({ urgentFirst: !order.urgentFirst }),
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
      {!queue.workflows.length && !queue.snoozed.length ? (
        <EmptyQueue />
      ) : (
        <>
          {top ? (
            <TodayCard item={top} onStart={() => void startTop()} />
          ) : (
            <EmptyQueue asleep={queue.snoozed.length} />
          )}
          <section className="stats" aria-label="Queue stats">
            <Stat label="Total" value={queue.stats.totalWorkflows} />
            <Stat label="Pending" value={queue.stats.pending} />
            <Stat label="In progress" value={queue.stats.inProgress} />
            <Stat label="Completed today" value={queue.stats.completedToday} />
            <button
              type="button"
              className={`stat stat-button${overdue ? ' bad' : ''}`}
              aria-pressed={filters.stage === 'Overdue'}
              onClick={() => setFilters({ stage: filters.stage === 'Overdue' ? 'all' : 'Overdue' })}
              title={filters.stage === 'Overdue' ? 'Show every stage again' : 'Show only overdue renewals'}
            >
              <span className="stat-value">{overdue}</span>
              <span className="stat-label">Overdue</span>
            </button>
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
            <label>
              <span>Forecast</span>
              <select
                value={filters.forecast}
                onChange={(e) => setFilters({ forecast: e.target.value as typeof filters.forecast })}
              >
                <option value="all">All forecasts</option>
                {FORECAST_ORDER.map((category) => (
                  <option key={category} value={category}>
                    {CATEGORY_LABELS[category]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Health</span>
              <select
                value={filters.health ?? 'all'}
                onChange={(e) => setFilters({ health: e.target.value as typeof filters.health })}
              >
                <option value="all">All health</option>
                {(['red', 'yellow', 'green', 'none'] as const).map((band) => (
                  <option key={band} value={band}>
                    {BAND_LABELS[band]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="chip"
              aria-pressed={order.urgentFirst}
              onClick={() => setOrder({ urgentFirst: !order.urgentFirst })}
            >
              Overdue and Emergency first <kbd>u</kbd>
            </button>
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
                  {COLUMNS.map(([label, sort]) => (
                    <span
                      role="columnheader"
                      key={label}
                      aria-sort={
                        sort && order.sort === sort
                          ? sort === 'priority'
                            ? 'descending'
                            : SORT_DIRECTION[sort]
                          : undefined
                      }
                    >
                      {sort ? (
                        <button
                          type="button"
                          className={`sort${order.sort === sort ? ' sorted' : ''}`}
                          onClick={() => setOrder({ sort })}
                          title={`Sort by ${label.toLowerCase()}`}
                        >
                          {label}
                          {order.sort === sort ? ' ▾' : ''}
                        </button>
                      ) : (
                        label
                      )}
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
        </>
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

/** One empty state, saying how work arrives (or that what there is sleeps). */
function EmptyQueue({ asleep = 0 }: { asleep?: number }) {
  return (
    <section className="today empty-today" aria-label="Today">
      <h2>Nothing waiting for you</h2>
      {asleep ? (
        <p>
          Everything in your queue is snoozed ({asleep}); it comes back on its day, or sooner if its renewal comes
          within a week.
        </p>
      ) : (
        <p>
          Your admin imports your accounts; their renewals appear here as they come due, most important first. Tasks you
          add on an account are on the Tasks screen.
        </p>
      )}
    </section>
  )
}

const CARD_KEY = 'csmdesk.queue.cardCollapsed'

function TodayCard({ item, onStart }: { item: QueueItem; onStart: () => void }) {
  const resume = item.workflow.status === 'in_progress'
  // On a short screen the card can fold to one line, so more of the queue shows; remembered here.
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(CARD_KEY) === '1')
  const toggle = () => {
    localStorage.setItem(CARD_KEY, collapsed ? '0' : '1')
    setCollapsed(!collapsed)
  }
  const fold = (
    <button type="button" className="subtle fold" aria-expanded={!collapsed} onClick={toggle}>
      {collapsed ? 'Show details' : 'Fold'}
    </button>
  )
  if (collapsed) {
    return (
      <section className="today folded" aria-label="Most important today">
        <p>
          <span className="eyebrow">Most important today</span> <strong>{item.customer.name}</strong>{' '}
          <span className={`stage stage-${item.workflow.stage.toLowerCase()}`}>{item.workflow.stage}</span>{' '}
          {formatDays(item.workflow.daysUntilRenewal)} · priority {item.workflow.priorityScore}
        </p>
        <button type="button" className="primary" onClick={onStart}>
          {resume ? 'Resume' : 'Start'} {item.customer.name}
        </button>
        {fold}
      </section>
    )
  }
  return (
    <section className="today" aria-label="Most important today">
      <p className="eyebrow">Most important today {fold}</p>
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
        <span className="muted">{item.workflow.dueDate ? readable(item.workflow.type) : item.customer.domain}</span>
      </span>
      <span role="gridcell" className="num">
        {formatMoney(item.customer.arr)}
      </span>
      <span role="gridcell">
        {item.workflow.dueDate ? (
          <>due {formatDate(item.workflow.dueDate)}</>
        ) : (
          <>
            {formatDate(item.customer.renewalDate)}{' '}
            <span className="muted">{formatDays(item.workflow.daysUntilRenewal)}</span>
          </>
        )}
      </span>
      <span role="gridcell">
        <span className={`stage stage-${item.workflow.stage.toLowerCase()}`}>{item.workflow.stage}</span>
      </span>
      <span role="gridcell">
        {formatStatus(item.workflow.status)}
        {item.forecast && (
          <>
            {' '}
            <span className={`forecast-chip forecast-${item.forecast}`}>{CATEGORY_LABELS[item.forecast]}</span>
          </>
        )}
      </span>
      <span role="gridcell" className="num">
        <HealthChip score={item.intelligence.healthScore} />
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
