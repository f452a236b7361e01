import http from 'node:http'
import { SseParser, type ServerEvent } from '../src-main/core/events/client'

/**
 * The bench's desks speak HTTP through node:http on kept-alive connections, which costs the load
 * generator about a third less CPU than fetch: on one machine its CPU is taken from the server's.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })

export interface BenchAnswer {
  status: number
  header(name: string): string | undefined
  text: string
  json<T>(): T
}

export function request(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<BenchAnswer> {
  return new Promise((done, fail) => {
    const sent = http.request(url, { method, headers, agent }, (response) => {
      // Decoded as it comes: a thousand 63 KB books gathered as Buffers and joined cost the load
      // generator 0.3 s more of the first syncs' CPU (fresh external memory, and the GC it prompts).
      const chunks: string[] = []
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => chunks.push(chunk))
      response.on('error', fail)
      response.on('end', () => {
        const text = chunks.join('')
        done({
          status: response.statusCode ?? 0,
          header: (name) => response.headers[name.toLowerCase()] as string | undefined,
          text,
          json: <T>() => JSON.parse(text) as T,
        })
      })
    })
    sent.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed as it was reused: the request never reached it
      // (Node's advice for `reusedSocket`), so it goes again on a fresh one.
      if (sent.reusedSocket && error.code === 'ECONNRESET') request(method, url, headers, body).then(done, fail)
      else fail(error)
    })
    sent.end(body)
  })
}

/**
 * An event stream read over node:http (the desks' own reader runs on fetch): calls onOpen once
 * the server's `ready` event came, onEvent for each change, and onLost if the stream ends before stop().
 */
export function openStream(
  url: string,
  headers: Record<string, string>,
  on: { open(): void; event(event: ServerEvent): void; lost(): void },
): { stop(): void } {
  const parser = new SseParser()
  let stopped = false
  const sent = http.request(url, { headers: { ...headers, accept: 'text/event-stream' }, agent }, (response) => {
    if (response.statusCode !== 200) on.lost()
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      for (const event of parser.feed(chunk)) {
        if (event.event === 'ready') on.open()
        else on.event(event)
      }
    })
    response.on('end', () => !stopped && on.lost())
    response.on('error', () => !stopped && on.lost())
  })
  sent.on('error', () => !stopped && on.lost())
  sent.end()
  return {
    stop: () => {
      stopped = true
      sent.destroy()
    },
  }
}
