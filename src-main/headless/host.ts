import { createAdaptorServer, type ServerType } from '@hono/node-server'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createCore, type Core, type CoreOptions } from '../core'
import { ApiError } from '../core/api/errors'
import { isLoopback } from '../core/loopback'
import { staticFiles } from '../core/renderer-files'

export interface HostOptions extends CoreOptions {
  port: number
  host: string
  rendererDir: string
}

export interface Host {
  core: Core
  url: string
  close(): Promise<void>
}

/** Connections waiting to be accepted (the kernel caps it at net.core.somaxconn, 4096 on current Linux). */
const ACCEPT_BACKLOG = 4096

/** The headless host: the core behind a real HTTP server, plus the built renderer at /. */
export async function startHost(options: HostOptions): Promise<Host> {
  const core = await createCore(options)
  const renderer = staticFiles(options.rendererDir)
  // Bound to loopback, the host answers only requests addressed to loopback: a web page whose
  // name was made to resolve here (DNS rebinding) gets nothing.
  const loopbackOnly = isLoopback(options.host)
  let server: ServerType
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = createAdaptorServer({
        fetch: (request, env) => {
          if (loopbackOnly && !isLoopback(hostnameOf(request.headers.get('host')))) return misdirected()
          const path = new URL(request.url).pathname
          if (path !== '/api' && !path.startsWith('/api/')) return renderer(request)
          // The socket's address, for sign-in limits (behind a proxy: --trust-proxy reads X-Forwarded-For).
          return core.api.fetch(request, {
            clientAddress: (env.incoming as IncomingMessage).socket.remoteAddress ?? 'unknown',
          })
        },
      })
      s.once('error', reject)
      // A thousand desks connecting at once (a Monday morning) must not overflow the accept queue:
      // Node's 511 dropped their connections, which the desks' kernels retried 1, 3 and 7 s later.
      s.listen({ host: options.host, port: options.port, backlog: ACCEPT_BACKLOG }, () => resolve(s))
    })
  } catch (error) {
    await core.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    core,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void core.close().then(resolve))
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}

function hostnameOf(header: string | null): string {
  if (!header) return ''
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d+$/, '')
}

function misdirected(): Response {
  const body = new ApiError('FORBIDDEN', 'This host answers only requests addressed to this computer (localhost)')
  return Response.json(body.toBody(), { status: 403 })
}
