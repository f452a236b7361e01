import type Database from 'better-sqlite3'
import { addDays, daysBetween, isoDay, type Clock } from '../src-main/core/clock'
import { definitionOf } from '../src-main/core/domain/definitions'
import { compareByPriority, priorityFactors, priorityScore } from '../src-main/core/domain/priority'
import {
  currentStepOf,
  formatMinutes,
  progressOf,
  remainingMinutes,
  summarizeStep,
} from '../src-main/core/domain/progression'
import { stageInfoFor } from '../src-main/core/domain/stages'
import { toForecast as forecastOf } from '../src-main/core/renewals/forecasts'
import { HEALTH_SQL } from '../src-main/core/store/health-tx'
import { QUEUE_SQL } from '../src-main/core/store/queue-tx'
import { healthOf } from '../src-main/core/health/health-of'
import type {
  ForecastView,
  CsmRow,
  CustomerRow,
  QueueRow,
  StepResultRow,
  TaskListRow,
  WorkflowRow,
} from '../src-main/core/store/store'

type Counts = { pending: number; in_progress: number; completed_today: number; snoozed: number }

/**
 * The floor the router is measured against: the same reads straight from better-sqlite3 with
 * prepared statements of their own, shaped into the same response and JSON.stringify'd (the
 * bench checks that both answers are equal before it times them).
 */
export function floorReads(db: Database.Database, clock: Clock) {
  // The same SQL text the router's store runs: the floor differs in everything around it.
  const rows = db.prepare<[string], QueueRow>(
    `${QUEUE_SQL.select} WHERE w.assigned_to = ? AND w.status IN ('pending', 'in_progress')`,
  )
  const counts = db.prepare<{ csm: string; from: string; to: string; today: string; wake: string }, Counts>(
    QUEUE_SQL.counts(QUEUE_SQL.sleeping('@today', '@wake', '0'), { start: '@from', end: '@to', csm: '@csm' }),
  )
  const workflow = db.prepare<[string], WorkflowRow>('SELECT * FROM workflows WHERE id = ?')
  const customer = db.prepare<[string], CustomerRow>(HEALTH_SQL.customers('c.id = ?'))
  const csm = db.prepare<[string], CsmRow>('SELECT * FROM csms WHERE id = ?')
  const steps = db.prepare<[string], StepResultRow>(
    'SELECT * FROM step_results WHERE workflow_id = ? ORDER BY position',
  )
  const openTasks = db.prepare<[string], TaskListRow>(
    `SELECT t.*, c.name AS customer_name FROM tasks t JOIN customers c ON c.id = t.customer_id
     WHERE t.customer_id = ? AND t.status = 'open' ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id`,
  )
  // What former CSMs handed over: part of every context's answer (none in the bench's book).
  const handovers = db.prepare<[string], { id: string }>('SELECT id FROM handovers WHERE workflow_id = ?')
  const forecast = db.prepare<[string, string], ForecastView>(
    `SELECT f.*, u.name AS updated_by_name FROM forecasts f LEFT JOIN csms u ON u.id = f.updated_by
     WHERE f.customer_id = ? AND f.renewal_date = ?`,
  )
  const earlier = db.prepare<[string, string], WorkflowRow>(
    `SELECT * FROM workflows WHERE customer_id = ? AND id <> ? AND status = 'completed' ORDER BY completed_at DESC, id`,
  )
  const recordedOf = (r: StepResultRow) => ({
    status: r.status,
    completedAt: r.completed_at,
    duration: r.duration,
    outputs: JSON.parse(r.outputs_json),
    completedBy: r.completed_by,
    reason: r.reason,
  })
  const dayOf = () => {
    const today = isoDay(clock.now())
    return { today, from: `${today}T00:00:00.000Z`, to: `${addDays(today, 1)}T00:00:00.000Z` }
  }

  function queue(csmId: string): string {
    const { today, from, to } = dayOf()
    const wake = addDays(today, 7)
    const active = rows.all(csmId)
    const sleeping = (r: QueueRow) => r.snoozed_until !== null && r.snoozed_until > today && r.renewal_date >= wake
    const all = active.filter((r) => !sleeping(r))
    const n = counts.get({ csm: csmId, from, to, today, wake })!
    const item = (r: QueueRow, others: number) => {
      const days = daysBetween(today, r.renewal_date)
      const f = priorityFactors({
        daysUntilRenewal: days,
        arr: r.arr,
        accountPlan: r.account_plan,
        experience: r.assignee_experience,
        otherActiveWorkflows: others,
      })
      return {
        id: r.id,
        customerId: r.customer_id,
        customer: {
          id: r.customer_id,
          name: r.name,
          domain: r.domain,
          arr: r.arr,
          renewalDate: r.renewal_date,
          owner: { id: r.owner_id, name: r.owner_name, email: r.owner_email },
        },
        workflow: {
          type: r.type,
          stage: stageInfoFor(days).stage,
          priorityScore: priorityScore(f),
          priorityFactors: f,
          assignedTo: r.assignee_email,
          status: r.status,
          daysUntilRenewal: days,
        },
        ...(r.forecast_category !== 'unset' && { forecast: r.forecast_category }),
        intelligence: {
          riskScore: r.risk_score,
          healthScore: r.health_score,
          sentiment: r.sentiment,
          aiSummary: r.ai_summary,
        },
      }
    }
    const workflows = all.map((r) => item(r, all.length - 1))
    const snoozed = active
      .filter(sleeping)
      .map((r) => {
        const i = item(r, all.length)
        return { ...i, workflow: { ...i.workflow, snooze: { until: r.snoozed_until!, reason: r.snooze_reason } } }
      })
      .sort((a, b) => a.workflow.snooze.until.localeCompare(b.workflow.snooze.until) || a.id.localeCompare(b.id))
    workflows.sort((a, b) =>
      compareByPriority(
        { id: a.id, priorityScore: a.workflow.priorityScore, daysUntilRenewal: a.workflow.daysUntilRenewal },
        { id: b.id, priorityScore: b.workflow.priorityScore, daysUntilRenewal: b.workflow.daysUntilRenewal },
      ),
    )
    const stats = {
      totalWorkflows: n.pending + n.in_progress + n.completed_today,
      pending: n.pending,
      inProgress: n.in_progress,
      completedToday: n.completed_today,
      snoozed: n.snoozed,
    }
    return JSON.stringify({ workflows, stats, snoozed })
  }

  function context(id: string): string {
    const { today, from, to } = dayOf()
    const wf = workflow.get(id)!
    const c = customer.get(wf.customer_id)!
    const owner = csm.get(c.owner_id)!
    const assignee = csm.get(wf.assigned_to)!
    const wake = addDays(today, 7)
    const n = counts.get({ csm: wf.assigned_to, from, to, today, wake })!
    const results = steps.all(id)
    const days = daysBetween(today, c.renewal_date)
    const stage = stageInfoFor(days)
    const sleeping = wf.snoozed_until !== null && wf.snoozed_until > today && c.renewal_date >= wake
    const f = priorityFactors({
      daysUntilRenewal: days,
      arr: c.arr,
      accountPlan: c.account_plan,
      experience: assignee.experience,
      otherActiveWorkflows: n.pending + n.in_progress - (wf.status === 'completed' || sleeping ? 0 : 1),
    })
    const def = definitionOf(wf.type)
    const recorded = results.length
    const done = wf.status === 'completed'
    const current = done ? null : currentStepOf(def, recorded)
    const left = done ? 0 : remainingMinutes(def, recorded)
    const since = wf.started_at ? Math.max(Date.parse(wf.started_at), clock.now().getTime()) : null
    const ids = (status: string) => results.filter((r) => r.status === status).map((r) => r.step_id)
    return JSON.stringify({
      customer: {
        id: c.id,
        name: c.name,
        domain: c.domain,
        arr: c.arr,
        renewalDate: c.renewal_date,
        contractStart: c.contract_start,
        accountPlan: c.account_plan,
        owner: { id: owner.id, name: owner.name, email: owner.email },
      },
      intelligence: {
        riskScore: c.risk_score,
        healthScore: healthOf(c),
        sentiment: c.sentiment,
        aiSummary: c.ai_summary,
        insights: JSON.parse(c.insights_json),
        recommendations: JSON.parse(c.recommendations_json),
      },
      data: JSON.parse(c.data_json),
      health: { imported: c.health_score, scorecardVersion: c.health_version ?? null },
      tasks: openTasks.all(c.id).map((t) => ({
        id: t.id,
        customerId: t.customer_id,
        customerName: t.customer_name,
        workflowId: t.workflow_id,
        description: t.description,
        dueDate: t.due_date,
        priority: t.priority,
        status: t.status,
        createdAt: t.created_at,
        completedAt: t.completed_at,
        kind: t.kind,
      })),
      ...(handovers.all(wf.id).length ? { handovers: 'not in the bench book' } : {}),
      history: earlier.all(c.id, wf.id).map((h) => {
        const hDef = definitionOf(h.type)
        const done = steps.all(h.id)
        const who = csm.get(h.assigned_to)
        return {
          workflowId: h.id,
          type: h.type,
          playbookVersion: h.playbook_version ?? 1,
          title: hDef.title,
          assignee: { id: h.assigned_to, name: who?.name ?? h.assigned_to, email: who?.email ?? '' },
          assignedAt: h.assigned_at,
          startedAt: h.started_at,
          completedAt: h.completed_at,
          totalDuration: h.total_duration,
          outcome: h.outcome_json ? JSON.parse(h.outcome_json) : null,
          steps: hDef.steps.map((st, i) => {
            const r = done.find((x) => x.position === i)
            return {
              id: st.id,
              name: st.name,
              result: r ? recordedOf(r) : null,
            }
          }),
        }
      }),
      forecast: forecastOf(c, forecast.get(c.id, c.renewal_date)),
      workflow: {
        id: wf.id,
        type: wf.type,
        playbookVersion: wf.playbook_version ?? 1,
        title: def.title,
        status: wf.status,
        assignedTo: assignee.email,
        assignee: { id: assignee.id, name: assignee.name, email: assignee.email },
        stage: stage.stage,
        stageName: stage.name,
        daysUntilRenewal: days,
        priorityScore: priorityScore(f),
        priorityFactors: f,
        assignedAt: wf.assigned_at,
        startedAt: wf.started_at,
        completedAt: wf.completed_at,
        snooze: wf.snoozed_until ? { until: wf.snoozed_until, reason: wf.snooze_reason } : null,
        snoozed: sleeping,
        estimatedCompletion: done
          ? wf.completed_at
          : since === null
            ? null
            : new Date(since + left * 60_000).toISOString(),
        currentStep: current && summarizeStep(current),
        completedSteps: ids('completed'),
        skippedSteps: ids('skipped'),
        progress: progressOf(def, recorded),
        estimatedTimeRemaining: formatMinutes(left),
        steps: def.steps.map((step, i) => {
          const r = results[i]
          return {
            ...step,
            estimatedTime: formatMinutes(step.estimatedMinutes),
            state: r
              ? r.status === 'completed'
                ? 'done'
                : 'skipped'
              : step === current && wf.status === 'in_progress'
                ? 'current'
                : 'upcoming',
            result: r ? recordedOf(r) : null,
          }
        }),
      },
    })
  }

  return { queue, context }
}
