/** The team server, spoken to over the same contract, with the CSM's bearer token. */
export interface RemoteAnswer {
  status: number
  body: unknown
}

/** The server could not be reached, or did not answer in time; nothing is known about the effect. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** The largest answer read from a team server (a first sync of a large book fits well within it). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024

/** The body as text, or an error once it passes maxBytes (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw new Error('too large')
  if (!response.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined)
      throw new Error('too large')
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export type HttpMethod = 'GET' | 'POST' | 'PUT'

export class Remote {
  constructor(
    readonly baseUrl: string,
    readonly token: () => string | null,
    private readonly timeoutMs = 10_000,
    private readonly maxBytes = MAX_ANSWER_BYTES,
  ) {}

  async request(
    method: HttpMethod,
    path: string,
    options: { body?: unknown; idempotencyKey?: string; file?: Uint8Array; timeoutMs?: number; maxBytes?: number } = {},
  ): Promise<RemoteAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token() ?? ''}` }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    if (options.file !== undefined) headers['content-type'] = 'text/plain; charset=utf-8'
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
    let response: Response
    let text: string
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers,
        body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        // A redirect could carry the token elsewhere: none is followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      })
      if (response.status >= 300 && response.status < 400) throw new Error('redirect')
      text = await readCapped(response, options.maxBytes ?? this.maxBytes)
    } catch {
      // One message whatever went wrong, so that no one learns which ports or hosts answer.
      throw new NetworkError('The team server could not be reached')
    }
    // A proxy's HTML page (a 413, a 502) is answered by its status code, like any other.
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: response.status, body }
  }
}
