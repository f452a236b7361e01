import type { AccountPlan, Experience } from '../domain/priority'
import type { StepResultStatus } from '../domain/progression'
import type { WorkflowType } from '../domain/stages'

export type WorkflowStatus = 'pending' | 'in_progress' | 'completed' | ClosedStatus
/** Closed without completing: the account renewed (superseded) or churned (cancelled). */
export type ClosedStatus = 'superseded' | 'cancelled'
export type CustomerStatus = 'active' | 'churned'
export type Role = 'csm' | 'admin'

export interface CsmRow {
  id: string
  name: string
  email: string
  experience: Experience
  role: Role
}

export interface CustomerRow {
  id: string
  name: string
  domain: string
  arr: number
  renewal_date: string
  contract_start: string | null
  account_plan: AccountPlan | null
  owner_id: string
  risk_score: number | null
  /** The health score the import brought: one of the scorecard's signals (the score itself: healthOf). */
  health_score: number | null
  /** Read with the account: its score on the team's scorecard, and that scorecard's version (null: not scored yet). */
  scored_health?: number | null
  health_version?: number | null
  sentiment: string | null
  ai_summary: string | null
  insights_json: string
  recommendations_json: string
  data_json: string
  /** The account's id in the CRM it was imported from (the demo's own id for demo accounts). */
  external_id: string | null
  status: CustomerStatus
}

export interface WorkflowRow {
  id: string
  customer_id: string
  /** Its playbook: a renewal workflow type, or the id of one of the team's playbooks. */
  type: string
  assigned_to: string
  status: WorkflowStatus
  assigned_at: string
  started_at: string | null
  completed_at: string | null
  completed_by: string | null
  total_duration: number | null
  outcome_json: string | null
  /** Sleeping until this day (it wakes on the day, or when its renewal is a week away). */
  snoozed_until: string | null
  snooze_reason: string | null
  /** The renewal date it was planned for; when the account's date moves on, it closes as superseded. */
  renewal_date: string | null
  /** When it closed as superseded or cancelled. */
  closed_at: string | null
  /** The version of its playbook it runs on (read from the database; 1 when it is written without one). */
  playbook_version?: number
  /** A playbook started by hand: the day it is due (its urgency) and the note it was started with. */
  due_date?: string | null
  note?: string | null
}

/** A workflow with what the queue shows of its customer, owner and assignee. */
export interface QueueRow {
  id: string
  type: WorkflowType
  status: WorkflowStatus
  customer_id: string
  /** A playbook started by hand: its due day stands in for the renewal date in its urgency. */
  due_date?: string | null
  name: string
  domain: string
  arr: number
  renewal_date: string
  account_plan: AccountPlan | null
  owner_id: string
  owner_name: string
  owner_email: string
  assignee_email: string
  assignee_experience: Experience
  risk_score: number | null
  health_score: number | null
  sentiment: string | null
  ai_summary: string | null
  snoozed_until: string | null
  snooze_reason: string | null
  forecast_category: ForecastCategory
}

export interface StepResultRow {
  workflow_id: string
  position: number
  step_id: string
  status: StepResultStatus
  completed_at: string
  duration: number
  outputs_json: string
  completed_by: string
  reason: string | null
}

export type OutboxKind =
  | 'start'
  | 'complete-step'
  | 'complete-workflow'
  | 'snooze'
  | 'resume'
  | 'create-task'
  | 'complete-task'
  | 'reopen-task'
  | 'set-forecast'
  | 'start-playbook'

/** A local change, as the request that makes the same change on the team server (what the outbox keeps). */
export interface LocalChange {
  workflowId: string
  kind: OutboxKind
  path: string
  body: Record<string, unknown>
}

/** Where a forecast's changes queue in the outbox (in place of a workflow id): one line per account. */
export const forecastKey = (customerId: string) => `forecast:${customerId}`

export interface OutboxRow {
  seq: number
  id: string
  workflow_id: string
  kind: OutboxKind
  path: string
  body_json: string
  created_at: string
  attempts: number
  last_error: string | null
  status: 'pending' | 'rejected'
  rejection_json: string | null
}

export interface IdempotencyRecord {
  key: string
  user_id: string
  path: string
  body_hash: string
  response_json: string
  created_at: string
}

/** What changed, as /api/events names it. */
export type ChangeType =
  | 'workflow-changed'
  | 'workflow-assigned'
  | 'workflow-unassigned'
  | 'customer-changed'
  | 'task-changed'
  | 'queue-changed'

export interface ChangeRow {
  seq: number
  user_id: string
  type: ChangeType
  workflow_id: string | null
  customer_id: string | null
  at: string
}

export interface TaskRow {
  id: string
  csm_id: string
  customer_id: string
  workflow_id: string | null
  description: string
  due_date: string | null
  priority: 'high' | 'medium' | 'low' | null
  status: 'open' | 'done'
  created_at: string
  completed_at: string | null
  /** The kind of next action it came from (call, email, meeting, ...); null for a task of the CSM's own. */
  kind: string | null
}

/** A task with its customer's name, as lists show it. */
export interface TaskListRow extends TaskRow {
  customer_name: string
}

/** An account as the renewal planner sees it. */
export interface PlanCustomer {
  id: string
  renewal_date: string
  owner_id: string
  status: CustomerStatus
  /** 1 while the owner is an active user; a deactivated owner is given no new work. */
  owner_active: number
}

/** A workflow as the renewal planner sees it (open or completed). */
export interface PlanWorkflow {
  id: string
  customer_id: string
  type: WorkflowType
  status: WorkflowStatus
  renewal_date: string | null
  assigned_to: string
}

/** A user: a CSM or an admin, active or deactivated (1 or 0). */
export interface UserRow extends CsmRow {
  active: number
}

export interface CredentialRow {
  user_id: string
  /** scrypt$N$r$p$salt$hash, base64url. */
  password_hash: string
  /** Tokens issued at or before this (epoch seconds) no longer count: set when the password changes. */
  tokens_valid_after: number
  /** 1: a temporary password (from an admin or `users add`), to be changed at first sign-in. */
  must_change: number
}

export interface AuditRow {
  seq: number
  at: string
  actor_id: string | null
  actor_email: string
  action: string
  subject: string | null
  reason: string | null
  details_json: string
}

/** An open workflow as the team overview counts it. */
export interface TeamWorkflowRow {
  assigned_to: string
  status: WorkflowStatus
  arr: number
  renewal_date: string
  snoozed_until: string | null
}

/** An account renewing soon with no open workflow. */
export interface UncoveredRow {
  id: string
  name: string
  arr: number
  renewal_date: string
  owner_id: string
  owner_name: string
}

export type ForecastCategory = 'commit' | 'likely' | 'at-risk' | 'lost' | 'unset'

/** A renewal's forecast: one per account and renewal date. */
export interface ForecastRow {
  customer_id: string
  renewal_date: string
  category: ForecastCategory
  /** Null: the account's ARR, whatever it is when read. */
  forecast_arr: number | null
  note: string | null
  /** 1: a person chose the category; 0: a step's decision suggested it. */
  chosen: number
  updated_by: string | null
  updated_at: string
}

/** A forecast with its author's name (null when this database does not know them). */
export interface ForecastView extends ForecastRow {
  updated_by_name: string | null
}

/** How a renewal closed. */
export interface OutcomeRow {
  customer_id: string
  renewal_date: string
  result: 'renewed' | 'churned'
  arr_before: number
  arr_after: number
  closed_at: string
  source: 'import' | 'app'
  /** The owner at close. */
  owner_id: string
  /** The forecast's category when it closed. */
  forecast_category: ForecastCategory
}

/** The forecast report's renewals of one day: every ARR is the current ARR but forecast_arr. */
export interface ForecastDayRow {
  day: string
  accounts: number
  arr: number
  forecast_arr: number
  commit_accounts: number
  commit_arr: number
  likely_accounts: number
  likely_arr: number
  at_risk_accounts: number
  at_risk_arr: number
  lost_accounts: number
  lost_arr: number
  /** At-risk or lost, health under 50 or risk 70 and above. */
  flagged_accounts: number
  flagged_arr: number
  covered_accounts: number
  covered_arr: number
}

/** Closed renewals of one owner and result. */
export interface ClosedRenewalsRow {
  owner_id: string
  result: 'renewed' | 'churned'
  accounts: number
  arr_before: number
  arr_after: number
  expansion: number
  contraction: number
  /** How many had a last category that matched the result. */
  matched: number
}

/** Renewals still open, of one owner. */
export interface OpenRenewalsRow {
  owner_id: string
  accounts: number
  arr: number
}

/** Workflows completed by one CSM, and how many before their renewal date. */
export interface CompletedWorkflowsRow {
  csm_id: string
  completed: number
  on_time: number
}

/** A recorded step, as the activity report reads it. */
export interface StepRecordRow {
  csm_id: string
  step_id: string
  status: 'completed' | 'skipped'
  duration: number
  reason: string | null
}
