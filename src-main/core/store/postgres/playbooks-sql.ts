import type {
  PlaybookRow,
  PlaybookVersionInfo,
  PlaybookVersionRow,
  PreviewTargetRow,
  WorkflowPlacement,
} from '../playbooks-tx'
import type { WorkflowRow } from '../rows'
import { PgQueueSql } from './queue-sql'
import { WORKFLOW_COLUMNS, workflowValues } from './workflow-columns'

const PUBLISHED = `COALESCE((SELECT p.published_version FROM playbooks p WHERE p.id = w.type), w.playbook_version)`
const MOVE = `UPDATE workflows w SET playbook_version = ${PUBLISHED}
  WHERE w.status = 'pending' AND w.playbook_version IS DISTINCT FROM ${PUBLISHED}`

/** PostgreSQL's SQL for playbooks and their versions. */
export abstract class PgPlaybooksSql extends PgQueueSql {
  playbooks() {
    return this.rows<PlaybookRow>('SELECT * FROM playbooks ORDER BY id')
  }

  async playbook(id: string, lock = false) {
    return (await this.rows<PlaybookRow>(`SELECT * FROM playbooks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))[0]
  }

  async insertPlaybook(row: PlaybookRow) {
    const inserted = await this.rows(
      `INSERT INTO playbooks (id, kind, published_version, draft_json, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [row.id, row.kind, row.published_version, row.draft_json, row.updated_at, row.updated_by],
    )
    return inserted.length === 1
  }

  async saveDraft(id: string, draftJson: string | null, at: string, by: string) {
    await this.run('UPDATE playbooks SET draft_json = $1, updated_at = $2, updated_by = $3 WHERE id = $4', [
      draftJson,
      at,
      by,
      id,
    ])
  }

  playbookVersions(id: string) {
    return this.rows<PlaybookVersionInfo>(
      `SELECT playbook_id, version, published_at, published_by, note FROM playbook_versions
       WHERE playbook_id = $1 ORDER BY version DESC`,
      [id],
    )
  }

  async playbookVersion(id: string, version: number) {
    const [row] = await this.rows<PlaybookVersionRow>(
      'SELECT * FROM playbook_versions WHERE playbook_id = $1 AND version = $2',
      [id, version],
    )
    return row
  }

  playbookVersionsAfter(known: ReadonlyMap<string, number>) {
    return this.rows<PlaybookVersionRow>(
      `SELECT v.* FROM playbook_versions v
       LEFT JOIN unnest($1::text[], $2::int[]) AS k(id, version) ON k.id = v.playbook_id
       WHERE v.version > coalesce(k.version, 0) ORDER BY v.playbook_id, v.version`,
      [[...known.keys()], [...known.values()]],
    )
  }

  async insertPlaybookVersion(row: PlaybookVersionRow) {
    const inserted = await this.rows(
      `INSERT INTO playbook_versions (playbook_id, version, body_json, published_at, published_by, note)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING version`,
      [row.playbook_id, row.version, row.body_json, row.published_at, row.published_by, row.note],
    )
    return inserted.length === 1
  }

  async setPublished(id: string, version: number, at: string, by: string) {
    await this.run('UPDATE playbooks SET published_version = $1, updated_at = $2, updated_by = $3 WHERE id = $4', [
      version,
      at,
      by,
      id,
    ])
  }

  moveUntouchedToPublished(scope: { type: string } | { ids: readonly string[] }) {
    type Moved = { id: string; assigned_to: string; customer_id: string }
    if ('type' in scope)
      return this.rows<Moved>(`${MOVE} AND w.type = $1 RETURNING w.id, w.assigned_to, w.customer_id`, [scope.type])
    if (!scope.ids.length) return Promise.resolve([])
    return this.rows<Moved>(`${MOVE} AND w.id = ANY($1) RETURNING w.id, w.assigned_to, w.customer_id`, [scope.ids])
  }

  async placeWorkflows(rows: readonly WorkflowPlacement[]) {
    if (!rows.length) return
    await this.run(
      `UPDATE workflows w SET playbook_version = u.version, due_date = u.due_date, note = u.note
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS u(id, version, due_date, note) WHERE w.id = u.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.playbook_version),
        rows.map((r) => r.due_date),
        rows.map((r) => r.note),
      ],
    )
  }

  async insertStartedWorkflow(r: WorkflowRow & Omit<WorkflowPlacement, 'id'>) {
    const values = [...workflowValues(r), r.playbook_version, r.due_date, r.note]
    await this.run(
      `INSERT INTO workflows (${WORKFLOW_COLUMNS}, playbook_version, due_date, note)
       VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    )
  }

  previewTargets(type: string, search: string, limit: number) {
    return this.rows<PreviewTargetRow>(
      `SELECT w.id, w.type, w.status, c.name FROM workflows w JOIN customers c ON c.id = w.customer_id
       WHERE w.status IN ('pending', 'in_progress') AND strpos(lower(c.name), $1) > 0
       ORDER BY w.type = $2 DESC, c.name, w.id LIMIT $3`,
      [search, type, limit],
    )
  }

  stagePlaybooks() {
    return this.rows<{ stage: string; playbook_id: string }>(
      'SELECT stage, playbook_id FROM stage_playbooks ORDER BY stage',
    )
  }

  async pointStage(stage: string, playbookId: string | null, at: string, by: string) {
    if (playbookId === null) await this.run('DELETE FROM stage_playbooks WHERE stage = $1', [stage])
    else
      await this.run(
        `INSERT INTO stage_playbooks (stage, playbook_id, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (stage) DO UPDATE SET playbook_id = excluded.playbook_id, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
        [stage, playbookId, at, by],
      )
  }

  repointPending(from: string, to: string) {
    return this.rows<{ id: string; assigned_to: string; customer_id: string }>(
      `UPDATE workflows SET type = $1,
         playbook_version = COALESCE((SELECT p.published_version FROM playbooks p WHERE p.id = $1), 1)
       WHERE type = $2 AND status = 'pending' AND due_date IS NULL
       RETURNING id, assigned_to, customer_id`,
      [to, from],
    )
  }

  recordedDecisions(type: string) {
    return this.rows<{ step_id: string; decision: string; workflow_id: string }>(
      `SELECT r.step_id, r.outputs_json::json ->> 'decision' AS decision, min(w.id) AS workflow_id
       FROM workflows w JOIN step_results r ON r.workflow_id = w.id
       WHERE w.type = $1 AND w.status = 'in_progress' AND r.outputs_json::json ->> 'decision' IS NOT NULL
       GROUP BY r.step_id, decision`,
      [type],
    )
  }
}
