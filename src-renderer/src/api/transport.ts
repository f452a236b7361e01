import type { DeskBridge } from '../../../src-preload/bridge'
import { openEventStream } from '../../../src-main/core/events/client'
import { takeEarly } from './early'
import { useConnection } from '../stores/connection'

export interface TransportResponse {
  status: number
  body: unknown
}

/** How the renderer reaches the API: IPC through the preload in Electron, fetch in a browser. */
export interface Transport {
  readonly kind: 'ipc' | 'http'
  request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<TransportResponse>
  /** POSTs a file's text as the body (an import), telling how much of it has been sent. */
  upload(
    path: string,
    query: Record<string, string>,
    file: string,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<TransportResponse>
  /** Calls listener when the host says data changed (a workflow, or everything: null); returns stop. */
  follow(listener: (workflowId: string | null) => void): () => void
}

/** The network or the host could not be reached; nothing was changed by this request. */
export class OfflineError extends Error {
  constructor() {
    super(
      'CSM Desk cannot reach its server right now. Check that it is running and your connection is up, then try again.',
    )
    this.name = 'OfflineError'
  }
}

let onUnauthorized: () => void = () => undefined

/** What to do when the host says the token no longer counts (the session asks to sign in again). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler
}

/** Records in the connection store whether each request reached the server. */
function observed(transport: Transport): Transport {
  const watch = async (send: () => Promise<TransportResponse>) => {
    try {
      const response = await send()
      useConnection.getState().reached()
      if (response.status === 401) onUnauthorized()
      return response
    } catch (error) {
      if (error instanceof OfflineError) useConnection.getState().lost()
      throw error
    }
  }
  return {
    kind: transport.kind,
    follow: transport.follow,
    request: (method, path, body) => watch(() => transport.request(method, path, body)),
    upload: (path, query, file, onProgress) => watch(() => transport.upload(path, query, file, onProgress)),
  }
}

export function ipcTransport(bridge: DeskBridge): Transport {
  return observed({
    kind: 'ipc',
    follow: (listener) =>
      bridge.onEvent((event) => {
        if (event.type === 'queue-changed') listener(event.workflowId ?? null)
      }),
    request: async (method, path, body) => {
      // Main takes a canonical path and the query apart (its one checked entry point).
      const [bare, search] = path.split('?', 2) as [string, string | undefined]
      const query = search ? Object.fromEntries(new URLSearchParams(search)) : undefined
      try {
        return await bridge.request({ method, path: bare, body, ...(query && { query }) })
      } catch {
        throw new OfflineError()
      }
    },
    upload: async (path, query, file, onProgress) => {
      try {
        const answer = await bridge.request({ method: 'POST', path, query, file })
        onProgress?.(file.length, file.length)
        return answer
      } catch {
        throw new OfflineError()
      }
    },
  })
}

export function httpTransport(token: string, base = '/api'): Transport {
  return observed({
    kind: 'http',
    follow: (listener) => {
      const stream = openEventStream({
        url: `${base}/events`,
        token: () => token,
        // Whatever changed before the stream was open (a desk's first pull right after the queue
        // loaded, or anything while it was down) is heard of now: everything may have changed.
        onState: (open) => open && listener(null),
        onEvent: (event) => {
          if (event.event !== 'change') return
          const { type, workflowId } = JSON.parse(event.data) as { type: string; workflowId?: string }
          listener(type === 'resync' ? null : (workflowId ?? null))
        },
      })
      return () => stream.stop()
    },
    request: async (method, path, body) => {
      const early = method === 'GET' ? await takeEarly(token, path) : null
      if (early) return early
      let response: Response
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      } catch {
        throw new OfflineError()
      }
      let parsed: unknown
      try {
        parsed = await response.json()
      } catch {
        throw new OfflineError()
      }
      return { status: response.status, body: parsed }
    },
    // XMLHttpRequest, not fetch: only it reports how much of a large upload has been sent.
    upload: (path, query, file, onProgress) =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest()
        xhr.open('POST', `${base}${path}?${new URLSearchParams(query)}`)
        xhr.setRequestHeader('authorization', `Bearer ${token}`)
        xhr.setRequestHeader('content-type', 'text/plain; charset=utf-8')
        xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.total)
        xhr.onerror = () => reject(new OfflineError())
        xhr.onload = () => {
          try {
            resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) })
          } catch {
            reject(new OfflineError())
          }
        }
        xhr.send(file)
      }),
  })
}
