import { openEventStream } from '../events/client'
import type { Remote } from './remote'

/** How long events are gathered before one pull serves them all. */
const GATHER_MS = 30

/**
 * The team server's event stream, held while a desk is connected: each event names what
 * changed, and the desk pulls just that (everything, when an event names no workflow or says
 * `resync`). The stream reconnects by itself and resumes with Last-Event-ID.
 */
export class LiveUpdates {
  private readonly stream: { stop(): void }
  private heard: Set<string> | 'all' = new Set()
  private timer: NodeJS.Timeout | null = null

  constructor(
    remote: Remote,
    private readonly pull: (only?: string[]) => void,
  ) {
    this.stream = openEventStream({
      url: `${remote.baseUrl}/events`,
      token: remote.token,
      onEvent: (event) => {
        if (event.event === 'change') this.hear(event.data)
      },
    })
  }

  private hear(data: string): void {
    let change: { type?: string; workflowId?: string }
    try {
      change = JSON.parse(data)
    } catch {
      return
    }
    if (change.type === 'resync' || !change.workflowId) this.heard = 'all'
    else if (this.heard !== 'all') this.heard.add(change.workflowId)
    this.timer ??= setTimeout(() => {
      const heard = this.heard
      this.heard = new Set()
      this.timer = null
      this.pull(heard === 'all' ? undefined : [...heard])
    }, GATHER_MS)
  }

  stop(): void {
    this.stream.stop()
    if (this.timer) clearTimeout(this.timer)
  }
}
