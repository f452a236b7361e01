import { create } from 'zustand'
import type { Task } from '../../../src-main/core/api/types'
import type { WorkflowService } from '../api/workflow-service'
import { describeError } from './errors'

export type TaskGroup = 'Overdue' | 'Today' | 'Upcoming' | 'No date' | 'Done'

/** Where a task belongs on the list, by the business day the host answers in (today). */
export function groupOf(task: Task, today: string): TaskGroup {
  if (task.status === 'done') return 'Done'
  if (!task.dueDate) return 'No date'
  if (task.dueDate < today) return 'Overdue'
  return task.dueDate === today ? 'Today' : 'Upcoming'
}

interface TasksState {
  tasks: Task[] | null
  error: { message: string; offline: boolean } | null
  busy: boolean
  load(service: WorkflowService): Promise<void>
  mark(service: WorkflowService, id: string, done: boolean): Promise<void>
  add(service: WorkflowService, task: Parameters<WorkflowService['addTask']>[0]): Promise<boolean>
}

export const useTasks = create<TasksState>((set, get) => ({
  tasks: null,
  error: null,
  busy: false,

  async load(service) {
    try {
      set({ tasks: (await service.getTasks()).tasks, error: null })
    } catch (error) {
      set({ error: describeError(error) })
    }
  },

  async mark(service, id, done) {
    // Shown at once; the answer (or the error) follows.
    set({ tasks: get().tasks?.map((t) => (t.id === id ? { ...t, status: done ? 'done' : 'open' } : t)) ?? null })
    try {
      const { task } = await service.markTask(id, done)
      set({ tasks: get().tasks?.map((t) => (t.id === id ? task : t)) ?? null, error: null })
    } catch (error) {
      set({ error: describeError(error) })
      await get().load(service)
    }
  },

  async add(service, task) {
    set({ busy: true })
    try {
      const added = (await service.addTask(task)).task
      set({ tasks: [...(get().tasks ?? []), added], busy: false, error: null })
      return true
    } catch (error) {
      set({ busy: false, error: describeError(error) })
      return false
    }
  },
}))
