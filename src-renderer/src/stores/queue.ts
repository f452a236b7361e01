import { create } from 'zustand'
import type { QueueItem, QueueResponse } from '../../../src-main/core/api/types'
import type { WorkflowService } from '../api/workflow-service'
import { describeError } from './errors'

export interface QueueFilters {
  stage: string
  status: 'all' | 'pending' | 'in_progress'
  search: string
}

interface QueueState {
  queue: QueueResponse | null
  loading: boolean
  error: { message: string; offline: boolean } | null
  filters: QueueFilters
  selectedId: string | null
  /** When the queue was last loaded (ms since epoch), so a screen just mounted need not ask again. */
  loadedAt: number
  /** A queue request started at sign-in, beside /me, so the first load does not wait in line. */
  early: { csmId: string; answer: Promise<QueueResponse> } | null
  prefetch(service: WorkflowService, csmId: string): void
  load(service: WorkflowService, csmId: string): Promise<void>
  setFilters(filters: Partial<QueueFilters>): void
  select(id: string | null): void
}

export const useQueue = create<QueueState>((set, get) => ({
  queue: null,
  loading: false,
  error: null,
  filters: { stage: 'all', status: 'all', search: '' },
  selectedId: null,
  loadedAt: 0,
  early: null,

  prefetch(service, csmId) {
    const answer = service.getWorkflowQueue(csmId)
    answer.catch(() => undefined) // load() reports a failure, if it still wants this answer
    set({ early: { csmId, answer } })
  },

  async load(service, csmId) {
    const early = get().early
    set({ loading: true, early: null })
    try {
      const queue = await (early?.csmId === csmId ? early.answer : service.getWorkflowQueue(csmId))
      set((state) => ({
        queue,
        loadedAt: Date.now(),
        loading: false,
        error: null,
        selectedId:
          state.selectedId && queue.workflows.some((w) => w.id === state.selectedId)
            ? state.selectedId
            : (queue.workflows[0]?.id ?? null),
      }))
    } catch (error) {
      set({ loading: false, error: describeError(error) })
    }
  },

  setFilters(filters) {
    set((state) => ({ filters: { ...state.filters, ...filters } }))
  },

  select(id) {
    set({ selectedId: id })
  },
}))

/** The queue as filtered; instant, since it is all in memory. */
export function filterQueue(items: readonly QueueItem[], filters: QueueFilters): QueueItem[] {
  const search = filters.search.trim().toLowerCase()
  return items.filter(
    (item) =>
      (filters.stage === 'all' || item.workflow.stage === filters.stage) &&
      (filters.status === 'all' || item.workflow.status === filters.status) &&
      (!search ||
        item.customer.name.toLowerCase().includes(search) ||
        item.customer.domain.toLowerCase().includes(search)),
  )
}
