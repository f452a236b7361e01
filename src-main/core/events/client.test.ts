import { describe, expect, it } from 'vitest'
import { SseParser } from './client'

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
