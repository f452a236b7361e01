import type { Context, Hono } from 'hono'
import type { ApiEnv } from '../api/env'
import type { Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import type { Workflows } from '../workflows'
import { toForecast, ownedAccount } from './forecasts'
import { recordRenewal } from './outcomes'

type Change = <T>(c: Context<ApiEnv>, fn: (body: unknown, tx: Tx) => Promise<T>) => Promise<Response>

export interface RenewalDeps {
  db: Db
  clock: Clock
  wallClock: () => Date
  ownsData: () => boolean
  /** A desk that follows a team server records renewals there (they move the account and its plan). */
  forward?: (method: 'POST', path: string, body: Uint8Array) => Promise<{ status: number; body: unknown }>
}

/** An account's renewal: its forecast (through the outbox on a desk) and its close. */
export function addRenewalRoutes(api: Hono<ApiEnv>, workflows: Workflows, change: Change, deps: RenewalDeps): void {
  api.get('/accounts/:customerId/forecast', async (c) =>
    c.json(
      await deps.db.read(async (tx) => {
        const customer = await ownedAccount(tx, c.var.user, c.req.param('customerId'))
        return { success: true, forecast: toForecast(customer, await tx.forecast(customer.id, customer.renewal_date)) }
      }),
    ),
  )
  api.put('/accounts/:customerId/forecast', (c) =>
    change(c, (body, tx) => workflows.forecasts.set(c.var.user, c.req.param('customerId'), body, tx)),
  )
  api.post('/accounts/:customerId/renewal', async (c) => {
    if (!deps.ownsData() && deps.forward) {
      const url = new URL(c.req.url)
      const body = new Uint8Array(await c.req.arrayBuffer())
      const answer = await deps.forward('POST', url.pathname.replace(/^\/api/, ''), body)
      return c.json(answer.body as object, answer.status as 200)
    }
    return change(c, (body, tx) =>
      recordRenewal(tx, c.var.user, c.req.param('customerId'), body, {
        business: deps.clock.now(),
        wall: deps.wallClock(),
      }),
    )
  })
}
