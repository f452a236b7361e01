import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Task } from '../../../src-main/core/api/types'
import { ErrorNotice } from '../components/ErrorNotice'
import { formatDate, readable } from '../format'
import { hrefOf, navigate } from '../router'
import { useQueue } from '../stores/queue'
import { businessToday, useSession } from '../stores/session'
import { groupOf, useTasks, type TaskGroup } from '../stores/tasks'
import { useShortcuts } from '../shortcuts'

const GROUPS: TaskGroup[] = ['Overdue', 'Today', 'Upcoming', 'No date', 'Done']

/** Every promise the CSM made, across their accounts: what is late, due today, coming, and done. */
export function TasksScreen() {
  const service = useSession((s) => s.service)
  const { tasks, error, load, mark } = useTasks()
  const [selected, setSelected] = useState<string | null>(null)
  const newTask = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (service) void load(service)
  }, [service, load])

  const groups = useMemo(() => {
    const by = new Map<TaskGroup, Task[]>(GROUPS.map((g) => [g, []]))
    for (const task of tasks ?? []) by.get(groupOf(task, businessToday))!.push(task)
    return GROUPS.map((group) => ({ group, tasks: by.get(group)! })).filter((g) => g.tasks.length > 0)
  }, [tasks])
  const order = groups.flatMap((g) => g.tasks)
  const index = order.findIndex((t) => t.id === selected)
  const move = (step: number) =>
    order.length && setSelected(order[Math.max(0, Math.min(order.length - 1, index + step))]!.id)

  useShortcuts({
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    x: () => {
      const task = order[index]
      if (task && service) void mark(service, task.id, task.status === 'open')
    },
    n: () => newTask.current?.focus(),
    Escape: () => navigate({ name: 'queue' }),
  })

  if (!service) return null
  return (
    <main className="tasks-screen">
      <a href="#/" className="back">
        ← Queue <kbd>Esc</kbd>
      </a>
      <h1>Tasks</h1>
      {error && <ErrorNotice error={error} onRetry={() => void load(service)} />}
      <NewTask inputRef={newTask} />
      {tasks === null ? (
        <p className="loading" role="status">
          Loading your tasks…
        </p>
      ) : tasks.length === 0 ? (
        <p className="empty">No tasks yet. Next actions you record in a step land here.</p>
      ) : (
        groups.map(({ group, tasks: list }) => (
          <section key={group} aria-label={group} className="task-group">
            <h2>
              {group} <span className="muted">{list.length}</span>
            </h2>
            <ul className="task-list">
              {list.map((task) => (
                <li
                  key={task.id}
                  className={`task${task.id === selected ? ' selected' : ''}${task.status === 'done' ? ' done' : ''}`}
                  onClick={() => setSelected(task.id)}
                >
                  <label>
                    <input
                      type="checkbox"
                      checked={task.status === 'done'}
                      onChange={(e) => void mark(service, task.id, e.target.checked)}
                    />
                    <span className="task-description">
                      {task.kind && task.kind !== 'task' ? <span className="badge">{readable(task.kind)}</span> : null}{' '}
                      {task.description}
                    </span>
                  </label>
                  <span className="muted">
                    {task.workflowId ? (
                      <a href={hrefOf({ name: 'workflow', id: task.workflowId })}>{task.customerName}</a>
                    ) : (
                      task.customerName
                    )}
                    {task.dueDate && ` · due ${formatDate(task.dueDate)}`}
                  </span>
                  {task.priority && <span className={`badge ${task.priority}`}>{task.priority}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </main>
  )
}

/** A task of the CSM's own, on one of the accounts in their queue. */
function NewTask({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const service = useSession((s) => s.service)
  const { add, busy } = useTasks()
  const queue = useQueue((s) => s.queue)
  const accounts = useMemo(() => {
    const seen = new Map<string, string>()
    // Snoozed work is still the CSM's account: a task may be the very reason it sleeps.
    for (const item of [...(queue?.workflows ?? []), ...(queue?.snoozed ?? [])])
      seen.set(item.customerId, item.customer.name)
    return [...seen].sort((a, b) => a[1].localeCompare(b[1]))
  }, [queue])
  const [customerId, setCustomerId] = useState('')
  const [description, setDescription] = useState('')
  const [dueDate, setDueDate] = useState('')
  const [priority, setPriority] = useState<'' | 'high' | 'medium' | 'low'>('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!service) return
    const account = customerId || accounts[0]?.[0]
    if (!account || !description.trim()) return
    const added = await add(service, {
      customerId: account,
      description: description.trim(),
      dueDate: dueDate || null,
      priority: priority || null,
    })
    if (added) {
      setDescription('')
      setDueDate('')
    }
  }
  return (
    <form className="new-task" aria-label="New task" onSubmit={(e) => void submit(e)}>
      <label>
        <span>New task</span>
        <input
          ref={inputRef}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="What to do  ( n )"
        />
      </label>
      <label>
        <span>Account</span>
        <select value={customerId || accounts[0]?.[0] || ''} onChange={(e) => setCustomerId(e.target.value)}>
          {accounts.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Due</span>
        <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </label>
      <label>
        <span>Priority</span>
        <select value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
          <option value="">None</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </label>
      <button type="submit" disabled={busy || !description.trim() || accounts.length === 0}>
        Add task
      </button>
      {accounts.length === 0 ? (
        <p className="muted">Tasks belong to your accounts: you can add one once work is in your queue.</p>
      ) : (
        !description.trim() && <p className="muted">Write what to do to add the task.</p>
      )}
    </form>
  )
}
