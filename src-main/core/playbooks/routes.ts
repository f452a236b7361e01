import type { Context, Hono } from 'hono'
import { z } from 'zod'
import type { ApiEnv } from '../api/env'
import { parseBody, parseJsonText } from '../api/bodies'
import type { Tx } from '../store/db'
import type { Workflows } from '../workflows'
import type { PlaybookEditor } from './editing'
import { startablePlaybooks } from './start'
import { pointStage, stagesOf } from './stage-pointing'
import { PLAYBOOK_ID } from './types'

type Change = <T>(c: Context<ApiEnv>, fn: (body: unknown, tx: Tx) => Promise<T>) => Promise<Response>

const versionsBody = z.strictObject({
  /** The highest version of each playbook the desk has. */
  known: z.record(z.string().regex(PLAYBOOK_ID), z.number().int().min(0)).default({}),
})

/**
 * Playbooks: the team's own ones a CSM starts on an account, the versions a desk pulls, and
 * (under /api/admin, admins only, run on the team server) their editing, check and publishing.
 */
export function addPlaybookRoutes(
  api: Hono<ApiEnv>,
  workflows: Workflows,
  editor: PlaybookEditor,
  change: Change,
  wallClock: () => Date,
) {
  const json = async (c: Context<ApiEnv>) => parseJsonText(await c.req.text())

  api.get('/playbooks', async (c) => c.json(await workflows.db.read(startablePlaybooks)))
  api.post('/playbooks/versions', async (c) => {
    const { known } = parseBody(versionsBody, (await json(c)) ?? {})
    const rows = await workflows.db.read(async (tx) => ({
      playbooks: await tx.playbooks(),
      versions: await tx.playbookVersionsAfter(new Map(Object.entries(known))),
      stages: await tx.stagePlaybooks(),
    }))
    return c.json({
      success: true,
      playbooks: rows.playbooks.map((p) => ({ id: p.id, kind: p.kind, publishedVersion: p.published_version })),
      stages: rows.stages.map((s) => ({ stage: s.stage, playbookId: s.playbook_id })),
      versions: rows.versions.map((v) => ({
        playbookId: v.playbook_id,
        version: v.version,
        body: JSON.parse(v.body_json) as unknown,
        publishedAt: v.published_at,
        publishedBy: v.published_by,
        note: v.note,
      })),
    })
  })
  api.post('/accounts/:customerId/workflows', (c) =>
    change(c, (body, tx) => workflows.startPlaybook(c.var.user, c.req.param('customerId'), body, tx)),
  )

  api.get('/admin/playbooks', async (c) => c.json(await editor.list()))
  api.get('/admin/stages', async (c) => c.json(await stagesOf(workflows.db)))
  api.put('/admin/stages/:stage', async (c) =>
    c.json(await pointStage(workflows.db, wallClock(), c.var.user, c.req.param('stage'), await json(c))),
  )
  api.post('/admin/playbooks', async (c) => c.json(await editor.create(c.var.user, await json(c))))
  api.get('/admin/playbooks/:id', async (c) => c.json(await editor.get(c.req.param('id'))))
  api.get('/admin/playbooks/:id/preview-targets', async (c) =>
    c.json(await editor.previewTargets(c.req.param('id'), c.req.query('q'))),
  )
  api.get('/admin/playbooks/:id/versions/:version', async (c) =>
    c.json(await editor.version(c.req.param('id'), Number(c.req.param('version')))),
  )
  api.put('/admin/playbooks/:id/draft', async (c) =>
    c.json(await editor.saveDraft(c.var.user, c.req.param('id'), await json(c))),
  )
  api.post('/admin/playbooks/:id/draft/discard', async (c) =>
    c.json(await editor.discardDraft(c.var.user, c.req.param('id'))),
  )
  api.post('/admin/playbooks/:id/draft/check', async (c) => c.json(await editor.check(c.var.user, c.req.param('id'))))
  api.post('/admin/playbooks/:id/draft/preview', async (c) =>
    c.json(await editor.preview(c.var.user, c.req.param('id'), c.req.query('workflowId'), await json(c))),
  )
  api.post('/admin/playbooks/:id/publish', async (c) =>
    c.json(await editor.publish(c.var.user, c.req.param('id'), await json(c))),
  )
  api.post('/admin/playbooks/:id/rollback', async (c) =>
    c.json(await editor.rollback(c.var.user, c.req.param('id'), await json(c))),
  )
}
