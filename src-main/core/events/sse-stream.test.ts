import { describe, expect, it } from 'vitest'
import { SseParser } from './client'
import { sseStream } from './sse-stream'

describe('an event stream', () => {
  it('carries events as a desk reads them, and ends when closed', async () => {
    const { body, stream } = sseStream(10)
    stream.send({ event: 'ready', data: '{}' })
    stream.comment('heartbeat')
    stream.send({ event: 'change', data: JSON.stringify({ workflowId: 'wf-1', kind: 'step' }), id: '42' })
    stream.close()
    expect(stream.send({ event: 'change', data: '{}', id: '43' })).toBe(false)
    const text = await new Response(body).text()
    expect(new SseParser().feed(text)).toEqual([
      { event: 'ready', data: '{}', id: null },
      { event: 'change', data: '{"workflowId":"wf-1","kind":"step"}', id: '42' },
    ])
    await stream.ended
  })

  it('counts what the network has not taken, and ends when the client goes away', async () => {
    const { body, stream } = sseStream(3)
    for (let i = 0; i < 3; i++) stream.send({ event: 'change', data: '{}', id: String(i) })
    expect(stream.backlog).toBe(3)
    const reader = body.getReader()
    await reader.read()
    expect(stream.backlog).toBe(2)
    await reader.cancel()
    await stream.ended
    expect(stream.send({ event: 'change', data: '{}', id: '9' })).toBe(false)
  })

  it('refuses a field of more than one line, which would forge another event', () => {
    const { stream } = sseStream(3)
    expect(() => stream.send({ event: 'change', data: '{}\n\nevent: forged' })).toThrow(/one line/)
    expect(stream.backlog).toBe(0)
  })
})
