import { describe, expect, it } from 'vitest'
import type { QueueItem } from '../../../src-main/core/api/types'
import { filterQueue, orderQueue } from './queue'

const item = (id: string, name: string, domain: string, stage: string, status: 'pending' | 'in_progress') =>
  ({ id, customer: { name, domain }, workflow: { stage, status } }) as unknown as QueueItem

const queue = [
  item('1', 'Acme Corporation', 'acme.com', 'Emergency', 'pending'),
  item('2', 'TechCo Inc', 'techco.com', 'Critical', 'in_progress'),
  item('3', 'Lumen Analytics', 'lumenanalytics.com', 'Overdue', 'pending'),
]

describe('filterQueue', () => {
  it('searches names and domains, case-insensitively', () => {
    expect(
      filterQueue(queue, { stage: 'all', status: 'all', search: 'ACME', forecast: 'all' }).map((i) => i.id),
    ).toEqual(['1'])
    expect(
      filterQueue(queue, { stage: 'all', status: 'all', search: 'techco.com', forecast: 'all' }).map((i) => i.id),
    ).toEqual(['2'])
  })

  it('filters by stage and status together, keeping the order', () => {
    expect(
      filterQueue(queue, { stage: 'all', status: 'pending', search: '', forecast: 'all' }).map((i) => i.id),
    ).toEqual(['1', '3'])
    expect(
      filterQueue(queue, { stage: 'Overdue', status: 'pending', search: '', forecast: 'all' }).map((i) => i.id),
    ).toEqual(['3'])
    expect(filterQueue(queue, { stage: 'Critical', status: 'pending', search: '', forecast: 'all' })).toEqual([])
  })

  it('filters by forecast, an item with none counting as not set', () => {
    const forecast = [
      { ...queue[0]!, forecast: 'at-risk' as const },
      queue[1]!,
      { ...queue[2]!, forecast: 'commit' as const },
    ]
    const only = (f: 'at-risk' | 'unset' | 'lost') =>
      filterQueue(forecast, { stage: 'all', status: 'all', search: '', forecast: f }).map((i) => i.id)
    expect(only('at-risk')).toEqual(['1'])
    expect(only('unset')).toEqual(['2'])
    expect(only('lost')).toEqual([])
  })

  it("filters by health band on the team's bands, no score being not enough data", () => {
    const scored = [35, 65, null].map((healthScore, i) => ({
      ...queue[i]!,
      intelligence: { ...queue[i]!.intelligence, healthScore },
    }))
    const only = (health: 'red' | 'yellow' | 'green' | 'none', bands?: { red: number; yellow: number }) =>
      filterQueue(scored, { stage: 'all', status: 'all', search: '', forecast: 'all', health }, bands).map((i) => i.id)
    expect(only('red')).toEqual(['1'])
    expect(only('yellow')).toEqual(['2'])
    expect(only('none')).toEqual(['3'])
    expect(only('red', { red: 70, yellow: 90 })).toEqual(['1', '2'])
  })
})

describe('orderQueue', () => {
  const row = (id: string, stage: string, days: number, arr: number, health: number | null) =>
    ({
      id,
      customer: { arr },
      workflow: { stage, daysUntilRenewal: days },
      intelligence: { healthScore: health },
    }) as unknown as QueueItem
  // The API's order: priority, where ARR and plan can outrank urgency.
  const api = [
    row('big-later', 'Negotiate', 70, 900_000, 80),
    row('critical', 'Critical', 10, 120_000, 60),
    row('overdue', 'Overdue', -12, 48_000, 40),
    row('emergency', 'Emergency', 3, 60_000, null),
  ]
  const ids = (order: Parameters<typeof orderQueue>[1]) => orderQueue(api, order).map((i) => i.id)

  it('keeps the API’s priority order by default, and sorts by renewal, ARR, health or stage on request', () => {
    expect(ids({ sort: 'priority', urgentFirst: false })).toEqual(['big-later', 'critical', 'overdue', 'emergency'])
    expect(ids({ sort: 'renewal', urgentFirst: false })).toEqual(['overdue', 'emergency', 'critical', 'big-later'])
    expect(ids({ sort: 'arr', urgentFirst: false })).toEqual(['big-later', 'critical', 'emergency', 'overdue'])
    expect(ids({ sort: 'health', urgentFirst: false })).toEqual(['overdue', 'critical', 'big-later', 'emergency'])
    expect(ids({ sort: 'stage', urgentFirst: false })).toEqual(['overdue', 'emergency', 'critical', 'big-later'])
  })

  it('puts Overdue and Emergency first when asked, in the chosen order within each group', () => {
    expect(ids({ sort: 'priority', urgentFirst: true })).toEqual(['overdue', 'emergency', 'big-later', 'critical'])
    expect(api.map((i) => i.id)).toEqual(['big-later', 'critical', 'overdue', 'emergency'])
  })
})
