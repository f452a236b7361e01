/**
 * Response shapes of the workflow API contract (plus the additive fields our decisions
 * record). Plain types only: the renderer imports this file too.
 */
import type { PriorityFactors } from '../domain/priority'
import type { StepSummary, Suggestions } from '../domain/progression'
import type { StepDefinition } from '../domain/definitions'

export type { PriorityFactors, StepSummary, Suggestions, StepDefinition }

export type WorkflowStatus = 'pending' | 'in_progress' | 'completed' | 'superseded' | 'cancelled'

export interface Person {
  id: string
  name: string
  email: string
}

export interface MeResponse {
  success: true
  user: { id: string; email: string; role: 'csm' | 'admin'; name: string }
  /** The business day the host answers in (additive): what "today" and "overdue" mean. */
  today: string
}

export interface QueueItem {
  id: string
  customerId: string
  customer: { id: string; name: string; domain: string; arr: number; renewalDate: string; owner: Person }
  workflow: {
    type: string
    stage: string
    priorityScore: number
    priorityFactors: PriorityFactors
    assignedTo: string
    status: WorkflowStatus
    daysUntilRenewal: number
    /** A playbook started by hand: the day it is due, which sets its urgency (additive). */
    dueDate?: string
    /** Set on snoozed ones (the queue's `snoozed` list), additive. */
    snooze?: Snooze
  }
  /** The renewal's forecast category (additive; left out while unset). */
  forecast?: ForecastCategory
  intelligence: {
    riskScore: number | null
    healthScore: number | null
    sentiment: string | null
    aiSummary: string | null
  }
}

export interface QueueStats {
  totalWorkflows: number
  pending: number
  inProgress: number
  completedToday: number
  /** Asleep, and so in none of the counts above (additive). */
  snoozed: number
}

/** A workflow asleep until a day, and why. */
export interface Snooze {
  until: string
  reason: string | null
}

export interface QueueResponse {
  workflows: QueueItem[]
  stats: QueueStats
  /** The CSM's snoozed workflows, soonest awake first (additive). */
  snoozed: QueueItem[]
}

export interface StartResponse {
  success: true
  workflow: { id: string; status: 'in_progress'; currentStep: StepSummary | null; startedAt: string }
}

export interface RecordedStep {
  status: 'completed' | 'skipped'
  completedAt: string
  duration: number
  outputs: Record<string, unknown>
  completedBy: string
  reason: string | null
}

export interface ContextStep extends StepDefinition {
  estimatedTime: string
  state: 'done' | 'skipped' | 'current' | 'upcoming'
  result: RecordedStep | null
}

export interface WorkflowContext {
  customer: {
    id: string
    name: string
    domain: string
    arr: number
    renewalDate: string
    contractStart: string | null
    accountPlan: string | null
    owner: Person
  }
  intelligence: {
    riskScore: number | null
    healthScore: number | null
    sentiment: string | null
    aiSummary: string | null
    insights: { type: string; severity: string; message: string; dataPoint?: string }[]
    recommendations: string[]
  }
  data: Record<string, unknown>
  /** The account's open tasks (additive). */
  tasks: Task[]
  /** The account's earlier, completed workflows, newest first (additive; templates read it too). */
  history: HistoryEntry[]
  /** Work former CSMs recorded offline and handed over (additive; only when there is some). */
  handovers?: Handover[]
  /** The forecast of the account's current renewal (additive). */
  forecast?: Forecast
  /**
   * What the health score was computed from (additive): the imported score, one of its signals,
   * and the scorecard version (null until scored). The score itself is intelligence.healthScore.
   */
  health?: { imported: number | null; scorecardVersion: number | null }
  workflow: {
    id: string
    type: string
    /** The version of its playbook it runs on (additive). */
    playbookVersion?: number
    /** A playbook started by hand: its due day and the note it was started with (additive). */
    dueDate?: string
    note?: string | null
    title: string
    status: WorkflowStatus
    assignedTo: string
    /** The CSM the workflow is assigned to (templates greet and sign as them). */
    assignee: Person
    stage: string
    stageName: string
    daysUntilRenewal: number
    priorityScore: number
    priorityFactors: PriorityFactors
    assignedAt: string
    startedAt: string | null
    completedAt: string | null
    /** When a superseded or cancelled workflow closed (additive; only on those). */
    closedAt?: string
    /** The snooze set on it, if any (additive); `snoozed` says whether it is asleep now. */
    snooze: Snooze | null
    snoozed: boolean
    estimatedCompletion: string | null
    currentStep: StepSummary | null
    completedSteps: string[]
    skippedSteps: string[]
    progress: number
    estimatedTimeRemaining: string
    steps: ContextStep[]
  }
}

/** A context with its steps in another form (a desk's book carries them lean). */
export type ContextWith<Step> = Omit<WorkflowContext, 'workflow'> & {
  workflow: Omit<WorkflowContext['workflow'], 'steps'> & { steps: Step[] }
}

export interface CompleteStepResponse {
  success: true
  message: string
  workflow: {
    id: string
    status: 'in_progress'
    currentStep: StepSummary | null
    completedSteps: string[]
    skippedSteps: string[]
    progress: number
    context: { steps: Record<string, { status: 'completed' | 'skipped'; outputs: Record<string, unknown> }> }
  }
  suggestions: Suggestions
}

export interface NextWorkflow {
  id: string
  customerId: string
  customer: { name: string; domain: string }
  priorityScore: number
}

export interface CompleteWorkflowResponse {
  success: true
  message: string
  workflow: {
    id: string
    status: 'completed'
    completedAt: string
    totalDuration: number
    stats: { stepsCompleted: number; stepsSkipped: number; avgStepDuration: number }
  }
  nextWorkflow: NextWorkflow | null
}

/** POST /api/workflows/contexts: many contexts at once, and the ids that could not be read. */
export interface ContextsResponse<Step = ContextStep> {
  success: true
  contexts: ContextWith<Step>[]
  unavailable: { id: string; code: string }[]
}

export type ForecastCategory = 'commit' | 'likely' | 'at-risk' | 'lost' | 'unset'

/** What a renewal is expected to bring: set by its owner or an admin, or suggested by a step's decision. */
export interface Forecast {
  customerId: string
  renewalDate: string
  category: ForecastCategory
  /** The ARR expected at renewal; the current ARR unless someone set another. */
  forecastArr: number
  note: string | null
  updatedBy: { id: string; name: string | null } | null
  updatedAt: string | null
  /** A step's decision suggested the category; no one chose it yet. */
  suggested: boolean
}

/** An earlier workflow of the same account: who worked it, how it ended, what each step decided. */
export interface HistoryEntry {
  workflowId: string
  type: string
  /** The version of its playbook it ran on (additive). */
  playbookVersion?: number
  title: string
  assignee: Person
  assignedAt: string
  startedAt: string | null
  completedAt: string | null
  totalDuration: number | null
  /** The completion's outcome: status, confidence, notes, next steps (as recorded). */
  outcome: Record<string, unknown> | null
  steps: { id: string; name: string; result: RecordedStep | null }[]
}

/** One of a CSM's tasks: a next action recorded in a step, or one of their own. */
export interface Task {
  id: string
  customerId: string
  customerName: string
  workflowId: string | null
  description: string
  dueDate: string | null
  priority: 'high' | 'medium' | 'low' | null
  status: 'open' | 'done'
  createdAt: string
  completedAt: string | null
  /** The kind of next action it came from: call, email, meeting, reminder, task (additive); null for one of the CSM's own. */
  kind: string | null
}

/** A change as the CSM recorded it offline: the request it was, and when. */
export interface HandoverChange {
  kind: 'start' | 'complete-step' | 'complete-workflow' | 'snooze' | 'resume'
  path: string
  body: Record<string, unknown>
  recordedAt: string
}

/**
 * Work a CSM recorded offline that could not land on its workflow: it was reassigned, or
 * superseded or cancelled meanwhile. Kept with the workflow, for whoever holds it now.
 */
export interface Handover {
  id: string
  from: Person
  why: 'reassigned' | 'superseded' | 'cancelled'
  at: string
  changes: HandoverChange[]
}

export interface HandoverResponse {
  success: true
  /** `landed`: applied as steps (the new CSM had not touched it); `handed-over`: kept as a handover. */
  outcome: 'landed' | 'handed-over'
  workflowId: string
  /** Who holds the workflow now (the desk names them in its notice); null for a closed one. */
  heldBy: Person | null
  /** A superseded workflow's successor, which was offered the handover too. */
  successorId: string | null
}
