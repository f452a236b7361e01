import type { Context, Hono } from 'hono'
import type { ApiEnv } from '../api/env'
import type { Tx } from '../store/db'
import type { Workflows } from '../workflows'
import { handOver } from './handovers'

type Change = <T>(c: Context<ApiEnv>, fn: (body: unknown, tx: Tx) => Promise<T>) => Promise<Response>

/** POST /api/workflows/{id}/handover: applied once per Idempotency-Key, like every change. */
export function addHandoverRoutes(
  api: Hono<ApiEnv>,
  workflows: Workflows,
  change: Change,
  wallClock: () => Date,
): void {
  api.post('/workflows/:workflowId/handover', (c) =>
    change(c, (body, tx) => handOver(tx, workflows, c.var.user, c.req.param('workflowId'), body, wallClock())),
  )
}
