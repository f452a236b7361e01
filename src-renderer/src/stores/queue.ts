import { create } from 'zustand'
import type { ForecastCategory } from '../api/workflow-service'
import type { QueueItem, QueueResponse } from '../../../src-main/core/api/types'
import { STAGES, type Stage } from '../../../src-main/core/domain/stages'
import type { WorkflowService } from '../api/workflow-service'
import { describeError } from './errors'
import { DEFAULT_BANDS, bandOf } from '../../../src-main/core/health/score'
import type { HealthBand, Scorecard } from '../../../src-main/core/health/types'

export interface QueueFilters {
  stage: string
  status: 'all' | 'pending' | 'in_progress'
  /** A renewal forecast category; 'unset' is the renewals no one forecast yet. */
  forecast: 'all' | ForecastCategory
  /** A health band on the team's scorecard; 'none' is "not enough data". */
  health?: 'all' | HealthBand
  search: string
}

/** How the queue is ordered on screen; the API's order (the contract's priority) stays as it is. */
export type QueueSort = 'priority' | 'renewal' | 'arr' | 'health' | 'stage'

export interface QueueOrder {
  sort: QueueSort
  /** Overdue and Emergency renewals first, whatever the sort. */
  urgentFirst: boolean
}

const ORDER_KEY = 'csmdesk.queue.order'
const URGENT = new Set(['Overdue', 'Emergency'])

function savedOrder(): QueueOrder {
  try {
    const saved = JSON.parse(localStorage.getItem(ORDER_KEY) ?? 'null') as Partial<QueueOrder> | null
    const sort = saved?.sort
    return {
      sort: sort && ['priority', 'renewal', 'arr', 'health', 'stage'].includes(sort) ? sort : 'priority',
      urgentFirst: saved?.urgentFirst === true,
    }
  } catch {
    return { sort: 'priority', urgentFirst: false }
  }
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
  /** The on-screen order, remembered on this device. */
  order: QueueOrder
  setOrder(order: Partial<QueueOrder>): void
}

export const useQueue = create<QueueState>((set, get) => ({
  queue: null,
  loading: false,
  error: null,
  filters: { stage: 'all', status: 'all', forecast: 'all', health: 'all', search: '' },
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

  order: typeof localStorage === 'undefined' ? { sort: 'priority', urgentFirst: false } : savedOrder(),
  setOrder(order) {
    const next = { ...get().order, ...order }
    set({ order: next })
    try {
      localStorage.setItem(ORDER_KEY, JSON.stringify(next))
    } catch {
      // Storage full or off: the order lasts this session.
    }
  },
}))

/**
 * The queue in the CSM's chosen order: by priority (the API's order), soonest renewal, largest
 * ARR, weakest health, or most urgent stage; with `urgentFirst`, Overdue and Emergency lead.
 * Sorting is stable, so ties keep the API's priority order.
 */
export function orderQueue(items: readonly QueueItem[], order: QueueOrder): QueueItem[] {
  const by: Record<QueueSort, (a: QueueItem, b: QueueItem) => number> = {
    priority: () => 0,
    renewal: (a, b) => a.workflow.daysUntilRenewal - b.workflow.daysUntilRenewal,
    arr: (a, b) => b.customer.arr - a.customer.arr,
    health: (a, b) => (a.intelligence.healthScore ?? 101) - (b.intelligence.healthScore ?? 101),
    stage: (a, b) => STAGES.indexOf(a.workflow.stage as Stage) - STAGES.indexOf(b.workflow.stage as Stage),
  }
  const urgent = (item: QueueItem) => (order.urgentFirst && URGENT.has(item.workflow.stage) ? 0 : 1)
  return [...items].sort((a, b) => urgent(a) - urgent(b) || by[order.sort](a, b))
}

/** The queue as filtered; instant, since it is all in memory. */
export function filterQueue(
  items: readonly QueueItem[],
  filters: QueueFilters,
  bands: Scorecard['bands'] = DEFAULT_BANDS,
): QueueItem[] {
  const search = filters.search.trim().toLowerCase()
  return items.filter(
    (item) =>
      (filters.stage === 'all' || item.workflow.stage === filters.stage) &&
      (filters.status === 'all' || item.workflow.status === filters.status) &&
      (filters.forecast === 'all' || (item.forecast ?? 'unset') === filters.forecast) &&
      (!filters.health ||
        filters.health === 'all' ||
        bandOf(item.intelligence.healthScore, bands) === filters.health) &&
      (!search ||
        item.customer.name.toLowerCase().includes(search) ||
        item.customer.domain.toLowerCase().includes(search)),
  )
}
