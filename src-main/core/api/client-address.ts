import type { Context } from 'hono'
import type { ApiEnv } from './env'

/**
 * The client's network address, for sign-in limits. The HTTP host hands the socket's address in
 * (env.clientAddress); in-process callers (the desktop's IPC, tests) have none and count as
 * "local". Behind a reverse proxy (--trust-proxy), the proxy's own entry in X-Forwarded-For,
 * the last one, is the client: earlier entries are whatever the client claimed.
 */
export function clientAddress(c: Context<ApiEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  return (c.env as { clientAddress?: string } | undefined)?.clientAddress ?? 'local'
}
