import type { ApiEnv } from '../api/env'
import type { Hono } from 'hono'
import type { EventClient, EventHub } from './hub'
import { ApiError } from '../api/errors'
import { sseStream } from './sse-stream'

/** A client this far behind (events written but not yet taken by the network) is dropped; it reconnects. */
const MAX_BACKLOG = 500

/**
 * GET /api/events: Server-Sent Events of the changes that concern the signed-in user. Each
 * event's id is its change seq; a client that reconnects with Last-Event-ID gets what it missed.
 */
export function addEventRoutes(
  api: Hono<ApiEnv>,
  events: EventHub,
  limits: { heartbeatMs: number; perUser?: number; total?: number },
  /** Whether the stream's token still counts: checked at each heartbeat (a deactivated user's stream ends). */
  stillValid: (authorization: string | undefined) => Promise<boolean>,
  /** Where a stream that could not start (its missed events unread) is told of; the desk comes back. */
  logError: (error: unknown) => void,
): void {
  const { heartbeatMs, perUser = 5, total = 2000 } = limits
  const open = new Map<string, number>()
  let openInAll = 0
  api.get('/events', (c) => {
    const user = c.var.user
    // Counted before the stream starts: a burst of connections cannot pass the cap together.
    const mine = open.get(user.id) ?? 0
    if (mine >= perUser)
      throw new ApiError('RATE_LIMITED', `You have ${mine} live connections open already; close one first`, {
        retryAfter: 30,
      })
    if (openInAll >= total)
      throw new ApiError('RATE_LIMITED', 'This server has all the live connections it takes; try again soon', {
        retryAfter: 30,
      })
    open.set(user.id, mine + 1)
    openInAll++
    let counted = true
    const release = () => {
      if (!counted) return
      counted = false
      openInAll--
      const left = (open.get(user.id) ?? 1) - 1
      if (left > 0) open.set(user.id, left)
      else open.delete(user.id)
    }
    const authorization = c.req.header('authorization')
    const header = c.req.header('last-event-id')
    const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : null
    const { body, stream } = sseStream(MAX_BACKLOG)
    const client: EventClient = {
      userId: user.id,
      send: ({ seq, ...data }) =>
        stream.backlog < MAX_BACKLOG && stream.send({ id: String(seq), event: 'change', data: JSON.stringify(data) }),
      close: () => stream.close(),
    }
    void (async () => {
      try {
        const unsubscribe = await events.subscribe(client, lastEventId)
        stream.send({ event: 'ready', data: '{}' })
        const heartbeat = setInterval(() => {
          void stillValid(authorization).then((valid) => (valid ? stream.comment('heartbeat') : stream.close()))
        }, heartbeatMs)
        await stream.ended
        clearInterval(heartbeat)
        unsubscribe()
      } catch (error) {
        logError(error)
      } finally {
        stream.close()
        release()
      }
    })()
    return c.body(body, 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    })
  })
}
