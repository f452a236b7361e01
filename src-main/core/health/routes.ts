import type { Hono } from 'hono'
import type { ApiEnv } from '../api/env'
import { parseJsonText } from '../api/bodies'
import type { Health } from './health'

/**
 * Health scores: the scorecard every desk scores with, each account's why, and (under
 * /api/admin, admins only, run on the team server) the scorecard's editing and preview.
 */
export function addHealthRoutes(api: Hono<ApiEnv>, health: Health): void {
  api.get('/scorecard', async (c) => c.json(await health.scorecard()))
  api.get('/accounts/:customerId/health', async (c) =>
    c.json(await health.explain(c.var.user, c.req.param('customerId'))),
  )
  api.get('/admin/scorecard', async (c) => c.json(await health.admin()))
  api.put('/admin/scorecard', async (c) => c.json(await health.save(c.var.user, parseJsonText(await c.req.text()))))
  api.post('/admin/scorecard/preview', async (c) => c.json(await health.preview(parseJsonText(await c.req.text()))))
}
