import type { Core } from '../index'
import type { RemoteAnswer } from './remote'

// A desk and a team server, both real cores in this process, the desk reaching the server through
// a remote that can be told to answer in the server's place.
export type Fault = (method: string, path: string) => RemoteAnswer | undefined | Promise<RemoteAnswer | undefined>

/** Reads a desk sends as POST (their bodies are long lists). */
const READS = new Set(['/workflows/contexts', '/playbooks/versions'])

export class InProcessRemote {
  readonly baseUrl = 'https://team.example/api'
  readonly sent: string[] = []
  fault: Fault = () => undefined
  constructor(
    private readonly server: Core,
    private readonly token: string,
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { body?: unknown; idempotencyKey?: string } = {},
  ) {
    const injected = await this.fault(method, path)
    if (method !== 'GET' && !READS.has(path)) this.sent.push(path) // the changes sent, not the reads
    if (injected) return injected
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'content-type': 'application/json',
    }
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
    const response = await this.server.api.fetch(
      new Request(`http://server/api${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
    )
    return { status: response.status, body: await response.json() }
  }
}
