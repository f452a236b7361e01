import { describe, expect, it } from 'vitest'
import { reconnectDelay, SseParser } from './client'

describe('SseParser', () => {
  it('reads events split anywhere across chunks, with ids, types, multi-line data, and comments dropped', () => {
    const parser = new SseParser()
    const text = ': heartbeat\n\nid: 7\nevent: change\ndata: {"a":\ndata: 1}\n\nevent: ready\r\ndata: {}\r\n\r\n'
    const events = [...text].flatMap((char) => parser.feed(char))
    expect(events).toEqual([
      { id: '7', event: 'change', data: '{"a":\n1}' },
      { id: '7', event: 'ready', data: '{}' },
    ])
  })
})

describe('reconnecting after a drop', () => {
  it('doubles its wait from 0.5 s to at most 30 s, each wait in the upper half of its window', () => {
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000])
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, () => 0))).toEqual([250, 500, 1000, 2000])
    expect(reconnectDelay(20, () => 1)).toBe(30_000)
    expect(reconnectDelay(20, () => 0)).toBe(15_000)
  })

  it('spreads a thousand desks that lost their server together over the window, not one instant', () => {
    let seed = 42
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const waits = Array.from({ length: 1000 }, () => reconnectDelay(3, random))
    const perTenth = new Map<number, number>()
    for (const wait of waits) perTenth.set(Math.floor(wait / 200), (perTenth.get(Math.floor(wait / 200)) ?? 0) + 1)
    // 2 to 4 s, in ten slices of 200 ms: no slice holds more than a fifth of the desks.
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000)
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000)
    expect(Math.max(...perTenth.values())).toBeLessThan(200)
  })
})
