import type Database from 'better-sqlite3'
import type {
  PlaybookRow,
  PlaybookVersionInfo,
  PlaybookVersionRow,
  PreviewTargetRow,
  WorkflowPlacement,
} from './playbooks-tx'
import type { WorkflowRow } from './rows'
import { SqliteQueueSql } from './queue-sql'

const PUBLISHED = `COALESCE((SELECT p.published_version FROM playbooks p WHERE p.id = workflows.type), playbook_version)`
const MOVE = `UPDATE workflows SET playbook_version = ${PUBLISHED}
  WHERE status = 'pending' AND playbook_version IS NOT ${PUBLISHED}`

function prepare(db: Database.Database) {
  return {
    all: db.prepare<[], PlaybookRow>('SELECT * FROM playbooks ORDER BY id'),
    one: db.prepare<[string], PlaybookRow>('SELECT * FROM playbooks WHERE id = ?'),
    insert: db.prepare<PlaybookRow>(
      `INSERT INTO playbooks (id, kind, published_version, draft_json, updated_at, updated_by)
       VALUES (@id, @kind, @published_version, @draft_json, @updated_at, @updated_by) ON CONFLICT (id) DO NOTHING`,
    ),
    draft: db.prepare<[string | null, string, string, string]>(
      'UPDATE playbooks SET draft_json = ?, updated_at = ?, updated_by = ? WHERE id = ?',
    ),
    versions: db.prepare<[string], PlaybookVersionInfo>(
      `SELECT playbook_id, version, published_at, published_by, note FROM playbook_versions
       WHERE playbook_id = ? ORDER BY version DESC`,
    ),
    version: db.prepare<[string, number], PlaybookVersionRow>(
      'SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?',
    ),
    after: db.prepare<[string], PlaybookVersionRow>(
      `SELECT v.* FROM playbook_versions v
       WHERE v.version > coalesce((SELECT k.value FROM json_each(?) k WHERE k.key = v.playbook_id), 0)
       ORDER BY v.playbook_id, v.version`,
    ),
    insertVersion: db.prepare<PlaybookVersionRow>(
      `INSERT INTO playbook_versions (playbook_id, version, body_json, published_at, published_by, note)
       VALUES (@playbook_id, @version, @body_json, @published_at, @published_by, @note) ON CONFLICT DO NOTHING`,
    ),
    publish: db.prepare<[number, string, string, string]>(
      'UPDATE playbooks SET published_version = ?, updated_at = ?, updated_by = ? WHERE id = ?',
    ),
    moveType: db.prepare<[string], { id: string; assigned_to: string; customer_id: string }>(
      `${MOVE} AND type = ? RETURNING id, assigned_to, customer_id`,
    ),
    moveIds: db.prepare<[string], { id: string; assigned_to: string; customer_id: string }>(
      `${MOVE} AND id IN (SELECT value FROM json_each(?)) RETURNING id, assigned_to, customer_id`,
    ),
    place: db.prepare<WorkflowPlacement>(
      'UPDATE workflows SET playbook_version = @playbook_version, due_date = @due_date, note = @note WHERE id = @id',
    ),
    insertStarted: db.prepare<WorkflowRow & Omit<WorkflowPlacement, 'id'>>(
      `INSERT INTO workflows (id, customer_id, type, assigned_to, status, assigned_at, started_at, completed_at,
         completed_by, total_duration, outcome_json, snoozed_until, snooze_reason, renewal_date, closed_at,
         playbook_version, due_date, note)
       VALUES (@id, @customer_id, @type, @assigned_to, @status, @assigned_at, @started_at, @completed_at,
         @completed_by, @total_duration, @outcome_json, @snoozed_until, @snooze_reason, @renewal_date, @closed_at,
         @playbook_version, @due_date, @note)`,
    ),
    targets: db.prepare<[string, string, number], PreviewTargetRow>(
      `SELECT w.id, w.type, w.status, c.name FROM workflows w JOIN customers c ON c.id = w.customer_id
       WHERE w.status IN ('pending', 'in_progress') AND instr(lower(c.name), ?) > 0
       ORDER BY w.type = ? DESC, c.name, w.id LIMIT ?`,
    ),
    stages: db.prepare<[], { stage: string; playbook_id: string }>(
      'SELECT stage, playbook_id FROM stage_playbooks ORDER BY stage',
    ),
    pointStage: db.prepare<[string, string, string, string]>(
      `INSERT INTO stage_playbooks (stage, playbook_id, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (stage) DO UPDATE SET playbook_id = excluded.playbook_id, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    ),
    unpointStage: db.prepare<[string]>('DELETE FROM stage_playbooks WHERE stage = ?'),
    repoint: db.prepare<{ from: string; to: string }, { id: string; assigned_to: string; customer_id: string }>(
      `UPDATE workflows SET type = @to,
         playbook_version = COALESCE((SELECT p.published_version FROM playbooks p WHERE p.id = @to), 1)
       WHERE type = @from AND status = 'pending' AND due_date IS NULL
       RETURNING id, assigned_to, customer_id`,
    ),
    decisions: db.prepare<[string], { step_id: string; decision: string; workflow_id: string }>(
      `SELECT r.step_id, json_extract(r.outputs_json, '$.decision') AS decision, min(w.id) AS workflow_id
       FROM workflows w JOIN step_results r ON r.workflow_id = w.id
       WHERE w.type = ? AND w.status = 'in_progress' AND json_extract(r.outputs_json, '$.decision') IS NOT NULL
       GROUP BY r.step_id, decision`,
    ),
  }
}

/** SQLite's SQL for playbooks and their versions; the Store is built on it. */
export abstract class SqlitePlaybooksSql extends SqliteQueueSql {
  private playbookStatements?: ReturnType<typeof prepare>

  private get playbookSql() {
    return (this.playbookStatements ??= prepare(this.db))
  }

  playbooks(): PlaybookRow[] {
    return this.playbookSql.all.all()
  }

  playbook(id: string): PlaybookRow | undefined {
    return this.playbookSql.one.get(id)
  }

  insertPlaybook(row: PlaybookRow): boolean {
    return this.playbookSql.insert.run(row).changes === 1
  }

  saveDraft(id: string, draftJson: string | null, at: string, by: string): void {
    this.playbookSql.draft.run(draftJson, at, by, id)
  }

  playbookVersions(id: string): PlaybookVersionInfo[] {
    return this.playbookSql.versions.all(id)
  }

  playbookVersion(id: string, version: number): PlaybookVersionRow | undefined {
    return this.playbookSql.version.get(id, version)
  }

  playbookVersionsAfter(known: ReadonlyMap<string, number>): PlaybookVersionRow[] {
    return this.playbookSql.after.all(JSON.stringify(Object.fromEntries(known)))
  }

  insertPlaybookVersion(row: PlaybookVersionRow): boolean {
    return this.playbookSql.insertVersion.run(row).changes === 1
  }

  setPublished(id: string, version: number, at: string, by: string): void {
    this.playbookSql.publish.run(version, at, by, id)
  }

  moveUntouchedToPublished(scope: { type: string } | { ids: readonly string[] }) {
    if ('type' in scope) return this.playbookSql.moveType.all(scope.type)
    if (!scope.ids.length) return []
    return this.playbookSql.moveIds.all(JSON.stringify(scope.ids))
  }

  placeWorkflows(rows: readonly WorkflowPlacement[]): void {
    for (const row of rows) this.playbookSql.place.run(row)
  }

  insertStartedWorkflow(row: WorkflowRow & Omit<WorkflowPlacement, 'id'>): void {
    this.playbookSql.insertStarted.run(row)
  }

  previewTargets(type: string, search: string, limit: number): PreviewTargetRow[] {
    return this.playbookSql.targets.all(search, type, limit)
  }

  recordedDecisions(type: string) {
    return this.playbookSql.decisions.all(type)
  }

  stagePlaybooks() {
    return this.playbookSql.stages.all()
  }

  pointStage(stage: string, playbookId: string | null, at: string, by: string): void {
    if (playbookId === null) this.playbookSql.unpointStage.run(stage)
    else this.playbookSql.pointStage.run(stage, playbookId, at, by)
  }

  repointPending(from: string, to: string) {
    return this.playbookSql.repoint.all({ from, to })
  }
}
