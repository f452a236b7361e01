import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FaultMode = 'pass' | 'down' | 'delay' | 'error500' | 'cut' | 'unauthorized'

/**
 * A proxy on loopback that breaks the network on command, for sync tests: drops
 * connections, delays, answers 500 or 401, or cuts a response half-way (after the server
 * has acted on the request).
 */
export class FaultProxy {
  mode: FaultMode = 'pass'
  delayMs = 1500
  /** Requests that reached the upstream server, by method and path. */
  readonly forwarded: string[] = []
  private server: Server | null = null

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const mode = this.mode
      if (mode === 'down') return req.socket.destroy()
      if (mode === 'error500' || mode === 'unauthorized') {
        const status = mode === 'error500' ? 500 : 401
        const code = mode === 'error500' ? 'SERVER_ERROR' : 'UNAUTHORIZED'
        res.writeHead(status, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ success: false, error: { code, message: `injected ${status}`, details: {} } }))
      }
      const forward = () =>
        this.forward(req, (upstream, body) => {
          if (mode === 'cut') {
            res.writeHead(upstream.statusCode ?? 502, {
              'content-type': 'application/json',
              'content-length': String(body.length),
            })
            res.write(body.subarray(0, Math.floor(body.length / 2)))
            return setTimeout(() => req.socket.destroy(), 10)
          }
          res.writeHead(upstream.statusCode ?? 502, { 'content-type': 'application/json' })
          res.end(body)
        })
      if (mode === 'delay') setTimeout(forward, this.delayMs)
      else forward()
    })
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done))
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
  }

  private forward(req: IncomingMessage, reply: (upstream: IncomingMessage, body: Buffer) => void): void {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const target = new URL(req.url ?? '/', this.upstream)
      const out = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (upstream) => {
          const body: Buffer[] = []
          upstream.on('data', (c: Buffer) => body.push(c))
          upstream.on('end', () => reply(upstream, Buffer.concat(body)))
        },
      )
      this.forwarded.push(`${req.method} ${target.pathname}`)
      out.end(Buffer.concat(chunks))
    })
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise((done) => this.server?.close(done))
  }
}
