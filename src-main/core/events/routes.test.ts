import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ApiEnv } from '../api/env'
import { demoUser } from '../testing'
import type { EventHub } from './hub'
import { addEventRoutes } from './routes'

describe('an event stream that cannot start', () => {
  it('ends, is told of, and frees its place for the next try', async () => {
    const failure = new Error('the change log could not be read')
    let tries = 0
    const hub = {
      subscribe: async () => {
        if (++tries === 1) throw failure
        return () => {}
      },
    } as unknown as EventHub
    const logged: unknown[] = []
    const api = new Hono<ApiEnv>()
    api.use('*', async (c, next) => {
      c.set('user', demoUser('csm-456'))
      await next()
    })
    addEventRoutes(
      api,
      hub,
      { heartbeatMs: 60_000, perUser: 1 },
      async () => true,
      (e) => logged.push(e),
    )

    const first = await api.request('/events', { headers: { 'last-event-id': '3' } })
    expect(first.status).toBe(200)
    expect(await first.text()).toBe('') // ended, not left open
    expect(logged).toEqual([failure])

    const second = await api.request('/events')
    expect(second.status).toBe(200)
    const reader = second.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: ready\ndata: {}\n\n')
    await reader.cancel()
  })
})
