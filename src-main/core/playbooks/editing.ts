import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import { isoDay, type Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import type { PlaybookRow, PlaybookVersionRow, PreviewTargetRow } from '../store/playbooks-tx'
import { audit } from '../team/audit'
import { TemplateError } from '../templates/compile'
import { templateVariables } from '../templates/variables'
import type { Workflows } from '../workflows'
import { bookSamples, sparseSamples } from './book'
import { compileTemplateOf } from './compile-step'
import { checkPlaybook } from './check'
import {
  PLAYBOOK_ID,
  playbookBody,
  type CheckResponse,
  type PlaybookBody,
  type PlaybookResponse,
  type PlaybookSummary,
  type PreviewStep,
} from './types'

const publishBody = z.strictObject({ note: z.string().trim().max(500).default('') })
const rollbackBody = z.strictObject({
  version: z.number().int().min(1),
  note: z.string().trim().max(500).optional(),
})

export interface PublishResponse {
  success: true
  version: number
  /** Pending workflows that moved to the new version. */
  moved: number
}

function notFound(id: string): ApiError {
  return new ApiError('NOT_FOUND', `No playbook ${id}`, { playbookId: id })
}

const bodyOf = (json: string) => JSON.parse(json) as PlaybookBody

/**
 * How admins shape playbooks: drafts saved as they go, a check over the whole book before a
 * version is published, versions that never change once published, and rollback by publishing
 * an older one again. A pending workflow moves to a new version; one begun stays on its own.
 */
export class PlaybookEditor {
  constructor(
    private readonly db: Db,
    private readonly workflows: Workflows,
    private readonly clock: Clock,
    private readonly wallClock: () => Date,
    /** Builds the use-cases over another database (the sparse book a draft is checked over). */
    private readonly workflowsOver: (db: Db) => Workflows,
  ) {}

  async list(): Promise<{ success: true; playbooks: PlaybookSummary[] }> {
    const playbooks = await this.db.read(async (tx) => {
      const rows = await tx.playbooks()
      return Promise.all(rows.map(async (row) => summary(row, await this.publishedBody(tx, row))))
    })
    return { success: true, playbooks }
  }

  async get(id: string): Promise<PlaybookResponse> {
    return this.db.read(async (tx) => {
      const row = await tx.playbook(id)
      if (!row) throw notFound(id)
      const versions = await tx.playbookVersions(id)
      return {
        success: true,
        published: await this.publishedBody(tx, row),
        draft: row.draft_json ? bodyOf(row.draft_json) : null,
        versions: versions.map((v) => ({
          version: v.version,
          publishedAt: v.published_at,
          publishedBy: v.published_by,
          note: v.note,
        })),
      }
    })
  }

  /** Open workflows to preview a draft on: this playbook's first, matching a search on the account's name. */
  async previewTargets(id: string, search = ''): Promise<{ success: true; workflows: PreviewTargetRow[] }> {
    const q = search.trim().toLowerCase().slice(0, 100)
    return { success: true, workflows: await this.db.read((tx) => tx.previewTargets(id, q, 30)) }
  }

  /** One published version's body (history and diffs read them). */
  async version(id: string, version: number): Promise<{ success: true; playbook: PlaybookBody }> {
    const row = await this.db.read((tx) => tx.playbookVersion(id, version))
    if (!row) throw new ApiError('NOT_FOUND', `Playbook ${id} has no version ${version}`, { playbookId: id, version })
    return { success: true, playbook: bodyOf(row.body_json) }
  }

  /** A new playbook of the team's own, as a draft; its id comes from its name. */
  async create(user: User, raw: unknown): Promise<{ success: true; playbook: PlaybookBody }> {
    const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
    const name = typeof given.name === 'string' ? given.name : ''
    const now = this.wallClock()
    return this.db.write(async (tx) => {
      const id = await this.freeId(tx, typeof given.id === 'string' && given.id ? given.id : slug(name))
      const body = parseBody(playbookBody, { ...given, id, kind: 'custom' })
      const row: PlaybookRow = {
        id,
        kind: 'custom',
        published_version: null,
        draft_json: JSON.stringify(body),
        updated_at: now.toISOString(),
        updated_by: user.email,
      }
      if (!(await tx.insertPlaybook(row))) throw validationError({ id: `${id} is taken` })
      await audit(tx, now, user, 'playbook-created', { subject: id, details: { name: body.name } })
      return { success: true, playbook: body }
    })
  }

  async saveDraft(user: User, id: string, raw: unknown): Promise<{ success: true; draft: PlaybookBody }> {
    const body = parseBody(playbookBody, raw)
    const now = this.wallClock()
    return this.db.write(async (tx) => {
      const row = await tx.playbook(id, true)
      if (!row) throw notFound(id)
      const fields: Record<string, string> = {}
      if (body.id !== id) fields.id = `must stay ${id}`
      if (body.kind !== row.kind) fields.kind = `must stay ${row.kind}`
      const published = await this.publishedBody(tx, row)
      if (row.kind === 'renewal' && published && body.stage !== published.stage)
        fields.stage = `must stay ${published.stage}: the planner starts this playbook in that stage`
      if (Object.keys(fields).length) throw validationError(fields)
      await tx.saveDraft(id, JSON.stringify(body), now.toISOString(), user.email)
      await audit(tx, now, user, 'playbook-draft-saved', { subject: id, details: { steps: body.steps.length } })
      return { success: true, draft: body }
    })
  }

  async discardDraft(user: User, id: string): Promise<{ success: true }> {
    const now = this.wallClock()
    return this.db.write(async (tx) => {
      const row = await tx.playbook(id, true)
      if (!row) throw notFound(id)
      if (row.published_version === null)
        throw validationError({ draft: 'is all this playbook has: it was never published' })
      await tx.saveDraft(id, null, now.toISOString(), user.email)
      await audit(tx, now, user, 'playbook-draft-discarded', { subject: id })
      return { success: true }
    })
  }

  /** The draft checked over the whole book, the sparse book included. */
  async check(user: User, id: string): Promise<CheckResponse> {
    const { draft } = await this.draftOf(id)
    return this.checkBody(user, draft)
  }

  async checkBody(user: User, body: PlaybookBody): Promise<CheckResponse> {
    const book = [
      ...(await bookSamples(this.workflows, user)),
      ...(await sparseSamples(this.clock, this.workflowsOver)),
    ]
    const recorded = await this.db.read((tx) => tx.recordedDecisions(body.id))
    const { problems, renders } = checkPlaybook(body, book, recorded)
    return { success: true, ok: problems.length === 0, problems, workflows: book.length, renders }
  }

  /**
   * The draft's steps rendered for one real workflow: the unsaved body the editor sends, or the
   * saved draft (the published version when there is none).
   */
  async preview(
    user: User,
    id: string,
    workflowId: string | undefined,
    raw: unknown,
  ): Promise<{ success: true; workflowId: string; steps: PreviewStep[] }> {
    if (!workflowId) throw validationError({ workflowId: 'is required: the workflow to preview on' })
    const sent = raw === undefined ? null : parseBody(z.strictObject({ playbook: playbookBody }), raw).playbook
    const body = sent ?? (await this.draftOrPublished(id))
    if (body.id !== id) throw validationError({ 'playbook.id': `must be ${id}` })
    const context = await this.workflows.context(user, workflowId)
    const variables = templateVariables(context, context.workflow.assignee, isoDay(this.clock.now()))
    const steps = body.steps.map((step): PreviewStep => {
      try {
        const { output, missing } = compileTemplateOf(body.id, step)(variables)
        return { id: step.id, name: step.name, html: output, missing, error: null }
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error
        return {
          id: step.id,
          name: step.name,
          html: null,
          missing: [],
          error: { message: error.problem, line: error.line },
        }
      }
    })
    return { success: true, workflowId, steps }
  }

  /** Publishes the draft as the next version, if the check passes; 422 PLAYBOOK_INVALID with its problems if not. */
  async publish(user: User, id: string, raw: unknown): Promise<PublishResponse> {
    const { note } = parseBody(publishBody, raw ?? {})
    const { draft, json } = await this.draftOf(id)
    const check = await this.checkBody(user, draft)
    if (!check.ok)
      throw new ApiError(
        'PLAYBOOK_INVALID',
        `The draft of ${id} has ${check.problems.length} problem(s); nothing was published`,
        {
          playbookId: id,
          problems: check.problems,
        },
      )
    return this.publishVersion(user, id, note, 'playbook-published', (row) => {
      if (row.draft_json !== json)
        throw new ApiError('PLAYBOOK_CHANGED', `The draft of ${id} changed while it was checked; check it again`, {
          playbookId: id,
        })
      return json
    })
  }

  /** Publishes a copy of an older version as the next one. */
  async rollback(user: User, id: string, raw: unknown): Promise<PublishResponse> {
    const { version, note } = parseBody(rollbackBody, raw)
    const old = await this.db.read((tx) => tx.playbookVersion(id, version))
    if (!old) throw validationError({ version: `${id} has no version ${version}` })
    return this.publishVersion(
      user,
      id,
      note ?? `Back to version ${version}`,
      'playbook-rolled-back',
      (row) => {
        if (row.published_version === version) throw validationError({ version: `is the published version already` })
        return old.body_json
      },
      version,
    )
  }

  private async publishVersion(
    user: User,
    id: string,
    note: string,
    action: 'playbook-published' | 'playbook-rolled-back',
    bodyJson: (row: PlaybookRow) => string,
    from?: number,
  ): Promise<PublishResponse> {
    const now = this.wallClock()
    const at = now.toISOString()
    const { row, moved } = await this.db.write(async (tx) => {
      const current = await tx.playbook(id, true)
      if (!current) throw notFound(id)
      const version = (current.published_version ?? 0) + 1
      const row: PlaybookVersionRow = {
        playbook_id: id,
        version,
        body_json: bodyJson(current),
        published_at: at,
        published_by: user.email,
        note,
      }
      await tx.insertPlaybookVersion(row)
      await tx.setPublished(id, version, at, user.email)
      if (action === 'playbook-published') await tx.saveDraft(id, null, at, user.email)
      const moved = await tx.moveUntouchedToPublished({ type: id })
      for (const assignee of new Set(moved.map((m) => m.assigned_to)))
        await tx.recordChange({ user_id: assignee, type: 'queue-changed', workflow_id: null, customer_id: null, at })
      await audit(tx, now, user, action, {
        subject: id,
        reason: note || null,
        details: { version, moved: moved.length, ...(from ? { from } : {}) },
      })
      return { row, moved: moved.length }
    })
    this.workflows.playbooks.adopt(row)
    return { success: true, version: row.version, moved }
  }

  private async draftOf(id: string): Promise<{ draft: PlaybookBody; json: string }> {
    const row = await this.db.read((tx) => tx.playbook(id))
    if (!row) throw notFound(id)
    if (!row.draft_json) throw validationError({ draft: `${id} has no draft; save one first` })
    return { draft: bodyOf(row.draft_json), json: row.draft_json }
  }

  private async draftOrPublished(id: string): Promise<PlaybookBody> {
    const { draft, published } = await this.get(id)
    return (draft ?? published)!
  }

  private async publishedBody(tx: Tx, row: PlaybookRow): Promise<PlaybookBody | null> {
    if (row.published_version === null) return null
    const version = await tx.playbookVersion(row.id, row.published_version)
    return version ? bodyOf(version.body_json) : null
  }

  private async freeId(tx: Tx, wanted: string): Promise<string> {
    if (!PLAYBOOK_ID.test(wanted)) throw validationError({ name: 'needs letters or digits to name the playbook by' })
    for (let n = 1; ; n++) {
      const id = n === 1 ? wanted : `${wanted.slice(0, 58)}-${n}`
      if (!(await tx.playbook(id))) return id
    }
  }
}

function summary(row: PlaybookRow, published: PlaybookBody | null): PlaybookSummary {
  const body = published ?? (row.draft_json ? bodyOf(row.draft_json) : null)
  return {
    id: row.id,
    name: body?.name ?? row.id,
    kind: row.kind,
    ...(body?.stage ? { stage: body.stage } : {}),
    publishedVersion: row.published_version,
    hasDraft: row.draft_json !== null,
    updatedAt: row.updated_at,
  }
}

export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
}
