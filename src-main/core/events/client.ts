/**
 * Reading Server-Sent Events over fetch, in Node and in the browser alike (EventSource cannot
 * send a bearer token). No Node imports: the renderer uses it too.
 */
export interface ServerEvent {
  id: string | null
  event: string
  data: string
}

/** Splits a text stream into events as the SSE format defines them (comments are dropped). */
export class SseParser {
  private buffer = ''
  private id: string | null = null
  private event = 'message'
  private data: string[] = []

  feed(chunk: string): ServerEvent[] {
    this.buffer += chunk
    const events: ServerEvent[] = []
    let newline: number
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break
      const line = this.buffer.slice(0, newline)
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1))
      if (line === '') {
        if (this.data.length) events.push({ id: this.id, event: this.event, data: this.data.join('\n') })
        this.event = 'message'
        this.data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'data') this.data.push(value)
      else if (field === 'event') this.event = value
      else if (field === 'id') this.id = value
    }
    return events
  }
}

export interface EventStreamOptions {
  url: string
  token: () => string | null
  onEvent(event: ServerEvent): void
  /** Called when the stream is open (true) or lost (false). */
  onState?(open: boolean): void
  /** 401: the stream stops; a new sign-in starts another. */
  onUnauthorized?(): void
  retryMs?: (attempt: number) => number
}

/**
 * How long to wait before reconnect `attempt` (0, 1, ...): doubling from 0.5 s up to 30 s, each
 * wait picked at random in its upper half. When a server restarts, its thousand desks then come
 * back spread over the window instead of all in the same instant, and again at each retry.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** attempt)
  return ceiling / 2 + random() * (ceiling / 2)
}

/**
 * Keeps an event stream open: reconnects after a drop with backoff, sending Last-Event-ID so
 * nothing is missed. stop() ends it.
 */
export function openEventStream(options: EventStreamOptions): { stop(): void } {
  let stopped = false
  let controller: AbortController | null = null
  let wake = () => {}
  let lastEventId: string | null = null
  const retry = options.retryMs ?? ((n) => reconnectDelay(n))
  const run = async () => {
    for (let attempt = 0; !stopped;) {
      controller = new AbortController()
      try {
        const headers: Record<string, string> = {
          authorization: `Bearer ${options.token() ?? ''}`,
          accept: 'text/event-stream',
        }
        if (lastEventId) headers['last-event-id'] = lastEventId
        const response = await fetch(options.url, { headers, signal: controller.signal })
        if (response.status === 401) {
          options.onUnauthorized?.()
          return
        }
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`)
        const parser = new SseParser()
        const decoder = new TextDecoder()
        const reader = response.body.getReader()
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
            if (event.id) lastEventId = event.id
            if (event.event === 'ready') {
              attempt = 0
              options.onState?.(true)
            } else options.onEvent(event)
          }
        }
      } catch {
        // Dropped, refused or aborted: try again below unless stopped.
      }
      if (stopped) return
      options.onState?.(false)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retry(attempt++))
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }
  void run()
  return {
    stop() {
      stopped = true
      controller?.abort()
      wake()
    },
  }
}
