import type {
  CompleteStepResponse,
  CompleteWorkflowResponse,
  MeResponse,
  QueueResponse,
  StartResponse,
  Task,
  WorkflowContext,
} from '../../../src-main/core/api/types'
import type { Transport } from './transport'
import type { DateFormat, ImportKind, ImportResult } from '../../../src-main/core/import/types'
import type { AuditEntry, TeamResponse, TeamUser } from '../../../src-main/core/team/types'
import type { ActivityReport, ForecastReport, OutcomesReport } from '../../../src-main/core/reports/types'
import type {
  Forecast,
  ForecastCategory,
  ForecastResponse,
  RenewalResponse,
} from '../../../src-main/core/renewals/types'

import type { HealthExplanation, Scorecard, ScorecardPreview } from '../../../src-main/core/health/types'
import type {
  CheckResponse,
  PlaybookBody,
  PlaybookResponse,
  PlaybookSummary,
  PreviewStep,
  StagePlaybook,
  StartablePlaybook,
  StartPlaybookResponse,
} from '../../../src-main/core/playbooks/types'

export type { AuditEntry, TeamResponse, TeamUser }
export type { HealthExplanation, Scorecard, ScorecardPreview }
export type {
  CheckResponse,
  PlaybookBody,
  PlaybookResponse,
  PlaybookSummary,
  PreviewStep,
  StagePlaybook,
  StartablePlaybook,
}
export type { ActivityReport, ForecastReport, ForecastCategory, OutcomesReport, Forecast }

export interface ForecastChange {
  category: ForecastCategory
  forecastArr?: number
  note?: string
}

export interface RenewalChange {
  result: 'renewed' | 'churned'
  arrAfter?: number
  nextRenewalDate?: string
}

/** A query string of the values given (none: empty). */
function searchOf(query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(key, String(value))
  return search.size ? `?${search}` : ''
}

export type { ImportKind, ImportResult, DateFormat }

export interface ImportRequest {
  kind: ImportKind
  dryRun: boolean
  skipInvalid: boolean
  dateFormat: DateFormat
}

export interface StepContent {
  success: true
  stepId: string
  title: string
  html: string
  missing: string[]
}

export interface StepOutcome {
  stepId: string
  completedAt: string
  duration: number
  status: 'completed' | 'skipped'
  reason?: string
  outputs: {
    decision?: string
    notes?: string
    tags?: string[]
    nextActions?: {
      type: 'task' | 'reminder' | 'email' | 'call' | 'meeting'
      description: string
      dueDate?: string
      priority?: 'high' | 'medium' | 'low'
    }[]
    customData?: Record<string, string | number | boolean | null>
  }
}

export interface WorkflowOutcome {
  completedAt: string
  totalDuration: number
  status: 'success' | 'partial' | 'failed'
  outcomes: { nextSteps?: string[]; confidence?: 'high' | 'medium' | 'low'; notes?: string }
}

/** An error answer from the API, in the contract's format. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }

  /** Field path -> problem, for a VALIDATION_ERROR. */
  get fields(): Record<string, string> {
    return (this.details.fields as Record<string, string> | undefined) ?? {}
  }
}

/** The contract's WorkflowService, over whichever transport this window has. */
export class WorkflowService {
  constructor(private readonly transport: Transport) {}

  private async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await this.transport.request(method, path, body)
    if (status >= 200 && status < 300) return answer as T
    const error = (answer as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })?.error
    throw new ApiFailure(
      status,
      error?.code ?? 'SERVER_ERROR',
      error?.message ?? `The server answered ${status}`,
      error?.details ?? {},
    )
  }

  me() {
    return this.call<MeResponse>('GET', '/me')
  }

  getWorkflowQueue(csmId: string) {
    return this.call<QueueResponse>('GET', `/workflows/queue/${encodeURIComponent(csmId)}`)
  }

  startWorkflow(workflowId: string, csmId: string) {
    return this.call<StartResponse>('POST', `/workflows/${encodeURIComponent(workflowId)}/start`, {
      csmId,
      startedAt: new Date().toISOString(),
    })
  }

  getWorkflowContext(workflowId: string) {
    return this.call<WorkflowContext>('GET', `/workflows/${encodeURIComponent(workflowId)}/context`)
  }

  getStepContent(workflowId: string, stepId: string) {
    return this.call<StepContent>(
      'GET',
      `/workflows/${encodeURIComponent(workflowId)}/steps/${encodeURIComponent(stepId)}/content`,
    )
  }

  completeStep(workflowId: string, stepId: string, outcome: StepOutcome) {
    return this.call<CompleteStepResponse>(
      'POST',
      `/workflows/${encodeURIComponent(workflowId)}/steps/${encodeURIComponent(stepId)}/complete`,
      outcome,
    )
  }

  snoozeWorkflow(workflowId: string, until: string, reason: string) {
    return this.call('POST', `/workflows/${encodeURIComponent(workflowId)}/snooze`, {
      until,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    })
  }

  resumeWorkflow(workflowId: string) {
    return this.call('POST', `/workflows/${encodeURIComponent(workflowId)}/resume`, {})
  }

  getReminders() {
    return this.call<{ reminders: unknown[] }>('GET', '/reminders')
  }

  getTasks() {
    return this.call<{ tasks: Task[] }>('GET', '/tasks')
  }

  addTask(task: { customerId: string; description: string; dueDate: string | null; priority: Task['priority'] }) {
    return this.call<{ task: Task }>('POST', '/tasks', { id: `task-${crypto.randomUUID()}`, ...task })
  }

  markTask(id: string, done: boolean) {
    return this.call<{ task: Task }>(
      'POST',
      `/tasks/${encodeURIComponent(id)}/${done ? 'complete' : 'reopen'}`,
      done ? { completedAt: new Date().toISOString() } : {},
    )
  }

  /**
   * An admin's import, or its dry run. A file with errors answers 400 with the result in its
   * details: that is the preview, so it is returned, not thrown.
   */
  /** The team's scorecard (every user reads it: it explains their accounts' health). */
  async scorecard(): Promise<Scorecard> {
    return (await this.call<{ scorecard: Scorecard }>('GET', '/scorecard')).scorecard
  }

  accountHealth(customerId: string): Promise<HealthExplanation> {
    return this.call('GET', `/accounts/${encodeURIComponent(customerId)}/health`)
  }

  adminScorecard(): Promise<{
    scorecard: Scorecard
    versions: { version: number; savedAt: string; savedBy: string }[]
  }> {
    return this.call('GET', '/admin/scorecard')
  }

  async saveScorecard(body: Omit<Scorecard, 'version'>): Promise<Scorecard> {
    return (await this.call<{ scorecard: Scorecard }>('PUT', '/admin/scorecard', body)).scorecard
  }

  previewScorecard(body: Omit<Scorecard, 'version'>): Promise<ScorecardPreview> {
    return this.call('POST', '/admin/scorecard/preview', body)
  }

  async importFile(options: ImportRequest, file: string, onProgress?: (sent: number, total: number) => void) {
    const query = {
      kind: options.kind,
      dryRun: String(options.dryRun),
      skipInvalid: String(options.skipInvalid),
      dateFormat: options.dateFormat,
    }
    const { status, body } = await this.transport.upload('/admin/import', query, file, onProgress)
    if (status === 200) return body as ImportResult
    const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })?.error
    if (status === 400 && error?.details && 'errors' in error.details) return error.details as unknown as ImportResult
    throw new ApiFailure(
      status,
      error?.code ?? 'SERVER_ERROR',
      error?.message ?? `The server answered ${status}`,
      error?.details ?? {},
    )
  }

  team() {
    return this.call<TeamResponse>('GET', '/admin/team')
  }

  users() {
    return this.call<{ users: TeamUser[] }>('GET', '/admin/users')
  }

  addUser(user: { email: string; name: string; role: 'csm' | 'admin'; experience: string }) {
    return this.call<{ user: TeamUser; temporaryPassword: string }>('POST', '/admin/users', user)
  }

  changeUser(id: string, changes: { role?: 'csm' | 'admin'; experience?: string; name?: string }) {
    return this.call<{ user: TeamUser }>('POST', `/admin/users/${encodeURIComponent(id)}`, changes)
  }

  deactivateUser(id: string, reassignTo?: string) {
    return this.call<{ user: TeamUser; reassigned: number }>(
      'POST',
      `/admin/users/${encodeURIComponent(id)}/deactivate`,
      reassignTo ? { reassignTo } : {},
    )
  }

  /** A new temporary password for a user, shown once; their sign-ins end. */
  resetPassword(id: string) {
    return this.call<{ user: TeamUser; temporaryPassword: string }>(
      'POST',
      `/admin/users/${encodeURIComponent(id)}/password`,
      {},
    )
  }

  activateUser(id: string) {
    return this.call<{ user: TeamUser }>('POST', `/admin/users/${encodeURIComponent(id)}/activate`, {})
  }

  reassign(workflowIds: string[], toCsmId: string, reason: string, alsoOwner: boolean) {
    return this.call<{ reassigned: number }>('POST', '/admin/workflows/reassign', {
      workflowIds,
      toCsmId,
      reason,
      alsoOwner,
    })
  }

  /** Audit entries, newest first, narrowed by action, actor and time; `before` pages on. */
  audit(
    filter: {
      action?: readonly string[]
      except?: readonly string[]
      actor?: string
      from?: string
      until?: string
      before?: number
      limit?: number
    } = {},
  ) {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue
      query.set(key, Array.isArray(value) ? value.join(',') : String(value))
    }
    const search = query.size ? `?${query}` : ''
    return this.call<{ entries: AuditEntry[]; nextBefore: number | null }>('GET', `/admin/audit${search}`)
  }

  /** Sets the forecast of an account's current renewal (the desk sends it through its outbox). */
  setForecast(customerId: string, forecast: ForecastChange) {
    return this.call<ForecastResponse>('PUT', `/accounts/${encodeURIComponent(customerId)}/forecast`, forecast)
  }

  /** Closes the account's current renewal: renewed (to its next date) or churned. */
  recordRenewal(customerId: string, outcome: RenewalChange) {
    return this.call<RenewalResponse>('POST', `/accounts/${encodeURIComponent(customerId)}/renewal`, outcome)
  }

  forecastReport(query: { from?: string; months?: number; csmId?: string }) {
    return this.call<ForecastReport>('GET', `/reports/forecast${searchOf(query)}`)
  }

  outcomesReport(query: { from: string; to: string; csmId?: string }) {
    return this.call<OutcomesReport>('GET', `/reports/outcomes${searchOf(query)}`)
  }

  activityReport(query: { from: string; to: string; csmId?: string }) {
    return this.call<ActivityReport>('GET', `/reports/activity${searchOf(query)}`)
  }

  completeWorkflow(workflowId: string, outcome: WorkflowOutcome) {
    return this.call<CompleteWorkflowResponse>('POST', `/workflows/${encodeURIComponent(workflowId)}/complete`, outcome)
  }

  /** The team's own published playbooks, which a CSM starts on an account. */
  async startablePlaybooks(): Promise<StartablePlaybook[]> {
    return (await this.call<{ playbooks: StartablePlaybook[] }>('GET', '/playbooks')).playbooks
  }

  startPlaybook(
    customerId: string,
    start: { playbook: string; dueDate: string; note?: string; assigneeId?: string },
  ): Promise<StartPlaybookResponse> {
    return this.call('POST', `/accounts/${encodeURIComponent(customerId)}/workflows`, start)
  }

  async playbooks(): Promise<PlaybookSummary[]> {
    return (await this.call<{ playbooks: PlaybookSummary[] }>('GET', '/admin/playbooks')).playbooks
  }

  playbook(id: string): Promise<PlaybookResponse> {
    return this.call('GET', `/admin/playbooks/${encodeURIComponent(id)}`)
  }

  async playbookVersion(id: string, version: number): Promise<PlaybookBody> {
    const path = `/admin/playbooks/${encodeURIComponent(id)}/versions/${version}`
    return (await this.call<{ playbook: PlaybookBody }>('GET', path)).playbook
  }

  async createPlaybook(body: Omit<PlaybookBody, 'id' | 'kind'>): Promise<PlaybookBody> {
    return (await this.call<{ playbook: PlaybookBody }>('POST', '/admin/playbooks', body)).playbook
  }

  saveDraft(body: PlaybookBody) {
    return this.call<{ draft: PlaybookBody }>('PUT', `/admin/playbooks/${encodeURIComponent(body.id)}/draft`, body)
  }

  discardDraft(id: string) {
    return this.call('POST', `/admin/playbooks/${encodeURIComponent(id)}/draft/discard`, {})
  }

  checkDraft(id: string): Promise<CheckResponse> {
    return this.call('POST', `/admin/playbooks/${encodeURIComponent(id)}/draft/check`, {})
  }

  async previewTargets(id: string, search: string) {
    const path = `/admin/playbooks/${encodeURIComponent(id)}/preview-targets${searchOf({ q: search || undefined })}`
    return (await this.call<{ workflows: { id: string; type: string; status: string; name: string }[] }>('GET', path))
      .workflows
  }

  async previewDraft(body: PlaybookBody, workflowId: string): Promise<PreviewStep[]> {
    const path = `/admin/playbooks/${encodeURIComponent(body.id)}/draft/preview${searchOf({ workflowId })}`
    return (await this.call<{ steps: PreviewStep[] }>('POST', path, { playbook: body })).steps
  }

  publishPlaybook(id: string, note: string) {
    return this.call<{ version: number; moved: number }>('POST', `/admin/playbooks/${encodeURIComponent(id)}/publish`, {
      note,
    })
  }

  rollbackPlaybook(id: string, version: number) {
    return this.call<{ version: number; moved: number }>(
      'POST',
      `/admin/playbooks/${encodeURIComponent(id)}/rollback`,
      {
        version,
      },
    )
  }

  async stages(): Promise<StagePlaybook[]> {
    return (await this.call<{ stages: StagePlaybook[] }>('GET', '/admin/stages')).stages
  }

  pointStage(stage: string, playbookId: string) {
    return this.call<{ moved: number }>('PUT', `/admin/stages/${encodeURIComponent(stage)}`, { playbookId })
  }
}
