import type { WorkflowRow } from './rows'

export interface PlaybookRow {
  id: string
  kind: 'renewal' | 'custom'
  /** Null until a custom playbook is first published. */
  published_version: number | null
  draft_json: string | null
  updated_at: string
  updated_by: string | null
}

export interface PlaybookVersionRow {
  playbook_id: string
  version: number
  body_json: string
  published_at: string
  published_by: string
  note: string
}

export type PlaybookVersionInfo = Omit<PlaybookVersionRow, 'body_json'>

export interface PreviewTargetRow {
  id: string
  type: string
  status: string
  name: string
}

/** What a workflow started from a playbook by hand has that a planned renewal has not. */
export interface WorkflowPlacement {
  id: string
  playbook_version: number
  due_date: string | null
  note: string | null
}

/** Playbooks: their drafts, their immutable published versions, and the version each workflow runs on. */
export interface PlaybooksTx {
  playbooks(): Promise<PlaybookRow[]>
  /** Inside a write, `lock` holds the row, so two publishes of one playbook take turns. */
  playbook(id: string, lock?: boolean): Promise<PlaybookRow | undefined>
  /** False when a playbook with this id exists (it is left as it is). */
  insertPlaybook(row: PlaybookRow): Promise<boolean>
  saveDraft(id: string, draftJson: string | null, at: string, by: string): Promise<void>
  /** Newest first, without bodies. */
  playbookVersions(id: string): Promise<PlaybookVersionInfo[]>
  playbookVersion(id: string, version: number): Promise<PlaybookVersionRow | undefined>
  /** Versions of these playbooks (all versions when null) above what a reader has: `known` maps id to its highest. */
  playbookVersionsAfter(known: ReadonlyMap<string, number>): Promise<PlaybookVersionRow[]>
  /** False when the version exists (it is never rewritten). */
  insertPlaybookVersion(row: PlaybookVersionRow): Promise<boolean>
  setPublished(id: string, version: number, at: string, by: string): Promise<void>
  /**
   * Pending workflows (nobody has acted on them) take their playbook's published version: every
   * one of a playbook, or these ids. Answers the ones that moved.
   */
  moveUntouchedToPublished(
    scope: { type: string } | { ids: readonly string[] },
  ): Promise<{ id: string; assigned_to: string; customer_id: string }[]>
  /** Where workflows stand in their playbooks: the version, and a started playbook's due day and note. */
  placeWorkflows(rows: readonly WorkflowPlacement[]): Promise<void>
  /** A workflow started from a playbook by hand, with its placement. */
  insertStartedWorkflow(row: WorkflowRow & Omit<WorkflowPlacement, 'id'>): Promise<void>
  /** Open workflows whose account's name holds `search` (lowercase), this playbook's first, by name: what a preview runs on. */
  previewTargets(type: string, search: string, limit: number): Promise<PreviewTargetRow[]>
  /** The stages an admin pointed at another playbook than their own. */
  stagePlaybooks(): Promise<{ stage: string; playbook_id: string }[]>
  /** Points a stage at a playbook (null: back to its own). */
  pointStage(stage: string, playbookId: string | null, at: string, by: string): Promise<void>
  /** Pending renewal workflows of one playbook move to another, on its published version. */
  repointPending(from: string, to: string): Promise<{ id: string; assigned_to: string; customer_id: string }[]>
  /** Each decision recorded in the in-progress workflows of a playbook, with where it was first recorded. */
  recordedDecisions(type: string): Promise<{ step_id: string; decision: string; workflow_id: string }[]>
}
