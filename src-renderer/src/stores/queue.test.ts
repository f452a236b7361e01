import { describe, expect, it } from 'vitest'
import type { QueueItem } from '../../../src-main/core/api/types'
import { filterQueue } from './queue'

const item = (id: string, name: string, domain: string, stage: string, status: 'pending' | 'in_progress') =>
  ({ id, customer: { name, domain }, workflow: { stage, status } }) as unknown as QueueItem

const queue = [
  item('1', 'Acme Corporation', 'acme.com', 'Emergency', 'pending'),
  item('2', 'TechCo Inc', 'techco.com', 'Critical', 'in_progress'),
  item('3', 'Lumen Analytics', 'lumenanalytics.com', 'Overdue', 'pending'),
]

describe('filterQueue', () => {
  it('searches names and domains, case-insensitively', () => {
    expect(filterQueue(queue, { stage: 'all', status: 'all', search: 'ACME' }).map((i) => i.id)).toEqual(['1'])
    expect(filterQueue(queue, { stage: 'all', status: 'all', search: 'techco.com' }).map((i) => i.id)).toEqual(['2'])
  })

  it('filters by stage and status together, keeping the order', () => {
    expect(filterQueue(queue, { stage: 'all', status: 'pending', search: '' }).map((i) => i.id)).toEqual(['1', '3'])
    expect(filterQueue(queue, { stage: 'Overdue', status: 'pending', search: '' }).map((i) => i.id)).toEqual(['3'])
    expect(filterQueue(queue, { stage: 'Critical', status: 'pending', search: '' })).toEqual([])
  })
})
