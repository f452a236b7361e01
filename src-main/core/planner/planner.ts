import { randomUUID } from 'node:crypto'
import { daysBetween, isoDay, type Clock } from '../clock'
import { STAGES, stageInfoFor, type Stage } from '../domain/stages'
import type { Db, Tx } from '../store/db'
import type { PlanCustomer, PlanWorkflow, WorkflowRow } from '../store/rows'
import { stagePlaybooks } from '../playbooks/stages'
import { pendingWorkflow } from '../store/workflow-row'

/** What one planner run did. */
export interface PlanReport {
  created: number
  updated: number
  closed: number
}

const rank = (stage: Stage) => STAGES.indexOf(stage)
/** Whether `a` is a later (more urgent) stage than `b`: Monitor comes first, Overdue last. */
const laterThan = (a: Stage, b: Stage) => rank(a) < rank(b)

/**
 * Keeps every queue stocked: each active account has one open renewal workflow for its
 * current renewal date, of its stage, assigned to its owner (rules in docs/decisions/0010).
 * Playbooks started by hand are not the planner's: it neither counts nor closes them.
 * Runs in the caller's transaction; a second run over the same data changes nothing. With
 * `onlyCustomer` it plans that one account (a renewal recorded in the app).
 */
export async function planRenewals(tx: Tx, now: Date, onlyCustomer?: string): Promise<PlanReport> {
  const today = isoDay(now)
  const at = now.toISOString()
  // Two team servers planning at once would both create an account's workflow: one at a time.
  await tx.lock('renewal-planner')
  const { customers, workflows } = onlyCustomer ? await tx.planningStateOf(onlyCustomer) : await tx.planningState()
  const stages = await stagePlaybooks(tx)
  // A workflow whose playbook no stage uses any more (a stage re-pointed meanwhile) counts as Monitor's: any stage is later.
  const stageOfType = (type: string): Stage => stages.stageOf(type) ?? 'Monitor'
  const byCustomer = new Map<string, PlanWorkflow[]>()
  for (const wf of workflows) {
    const list = byCustomer.get(wf.customer_id)
    if (list) list.push(wf)
    else byCustomer.set(wf.customer_id, [wf])
  }
  const created: WorkflowRow[] = []
  const retyped: { id: string; type: string }[] = []
  const superseded: string[] = []
  const cancelled: string[] = []
  const touched = new Set<string>()

  for (const customer of customers) {
    const own = byCustomer.get(customer.id) ?? []
    const open = own.filter((w) => w.status === 'pending' || w.status === 'in_progress')
    if (customer.status === 'churned') {
      for (const w of open) close(cancelled, w)
      continue
    }
    const current: PlanWorkflow[] = []
    for (const w of open) {
      if (w.renewal_date && w.renewal_date !== customer.renewal_date) close(superseded, w)
      else current.push(w)
    }
    const stage = stageInfoFor(daysBetween(today, customer.renewal_date))
    if (current.length) {
      for (const w of current) {
        if (w.status === 'pending' && laterThan(stage.stage, stageOfType(w.type))) {
          retyped.push({ id: w.id, type: stages.forStage(stage.stage) })
          touched.add(w.assigned_to)
        }
      }
      continue
    }
    // An owner who left gets no new work: the account shows as uncovered until it has a new owner.
    if (!customer.owner_active) continue
    const done = own.filter((w) => w.status === 'completed' && w.renewal_date === customer.renewal_date)
    if (done.some((w) => !laterThan(stage.stage, stageOfType(w.type)))) continue
    created.push(newWorkflow(customer, stages.forStage(stage.stage), at))
    touched.add(customer.owner_id)
  }

  function close(list: string[], w: PlanWorkflow): void {
    list.push(w.id)
    touched.add(w.assigned_to)
  }

  await tx.insertWorkflows(created)
  await tx.retypeWorkflows(retyped)
  // A new or retyped workflow runs on its playbook's published version.
  await tx.moveUntouchedToPublished({ ids: [...created.map((w) => w.id), ...retyped.map((w) => w.id)] })
  await tx.closeWorkflows(superseded, 'superseded', at)
  await tx.closeWorkflows(cancelled, 'cancelled', at)
  // One notice a CSM: their desk pulls their whole queue once, however many workflows moved.
  for (const userId of touched) {
    await tx.recordChange({ user_id: userId, type: 'queue-changed', workflow_id: null, customer_id: null, at })
  }
  return { created: created.length, updated: retyped.length, closed: superseded.length + cancelled.length }
}

function newWorkflow(customer: PlanCustomer, type: string, at: string): WorkflowRow {
  return pendingWorkflow({
    id: `wf-${randomUUID()}`,
    customer_id: customer.id,
    type,
    assigned_to: customer.owner_id,
    assigned_at: at,
    renewal_date: customer.renewal_date,
  })
}

export const PLAN_EVERY_MS = 3_600_000

/**
 * Runs the planner at start and hourly (an import runs it in its own transaction) on the host
 * that owns its data, a standalone desk or the team server; a desk that follows a team server
 * takes what the server plans.
 */
export class RenewalPlanner {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ownsData: () => boolean,
    private readonly logError: (error: unknown) => void = console.error,
  ) {}

  /** One run in its own transaction; null when this host does not plan. */
  async run(): Promise<PlanReport | null> {
    if (!this.ownsData()) return null
    return this.db.write((tx) => planRenewals(tx, this.clock.now()), { longRunning: true })
  }

  runHourly(): void {
    this.timer = setInterval(() => void this.run().catch(this.logError), PLAN_EVERY_MS)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
