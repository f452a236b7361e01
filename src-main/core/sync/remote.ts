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

export class Remote {
  constructor(
    readonly baseUrl: string,
    readonly token: () => string | null,
    private readonly timeoutMs = 10_000,
  ) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; idempotencyKey?: string; file?: Uint8Array; timeoutMs?: number } = {},
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
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code
      throw new NetworkError(`The team server could not be reached (${cause ?? (error as Error).name})`)
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
