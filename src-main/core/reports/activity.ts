import { DEFINITIONS } from '../domain/definitions'
import type { Tx } from '../store/db'
import type { StepRecordRow } from '../store/rows'
import { median, minutes, percentile } from './formulas'
import type { ActivityReport, CsmActivity, StepTime } from './types'

const TOP_REASONS = 5

/** Step ids to their names, across every playbook. */
const STEP_NAMES = new Map([...DEFINITIONS.values()].flatMap((d) => d.steps.map((s) => [s.id, s.name] as const)))

const sortedDurations = (records: readonly StepRecordRow[]) => records.map((r) => r.duration).sort((a, b) => a - b)

function groupBy(records: readonly StepRecordRow[], key: 'step_id' | 'csm_id'): Map<string, StepRecordRow[]> {
  const groups = new Map<string, StepRecordRow[]>()
  for (const r of records) {
    const list = groups.get(r[key])
    if (list) list.push(r)
    else groups.set(r[key], [r])
  }
  return groups
}

function topReasons(skipped: readonly StepRecordRow[]): CsmActivity['skipReasons'] {
  const counts = new Map<string, number>()
  for (const r of skipped) {
    const reason = r.reason?.trim() || '(no reason given)'
    counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, TOP_REASONS)
}

/**
 * GET /api/reports/activity: for each CSM in scope, completed workflows (on time: before the
 * renewal date), steps done and skipped with the top skip reasons, and minutes per step from
 * completed steps' recorded durations beside the team's median (no other CSM named).
 */
export async function activityReport(
  tx: Tx,
  owner: string | null,
  period: { from: string; to: string },
): Promise<ActivityReport> {
  const since = `${period.from}T00:00:00.000Z`
  const until = new Date(Date.parse(`${period.to}T00:00:00.000Z`) + 86_400_000).toISOString()
  const records = await tx.stepRecords(since, until)
  const completed = await tx.completedWorkflows(since, until)
  const users = await tx.users()
  const teamMedian = new Map(
    [
      ...groupBy(
        records.filter((r) => r.status === 'completed'),
        'step_id',
      ),
    ].map(([id, rs]) => [id, minutes(median(sortedDurations(rs)))]),
  )
  const byCsm = groupBy(records, 'csm_id')
  const inScope = users.filter((u) => (owner === null ? u.role === 'csm' || byCsm.has(u.id) : u.id === owner))
  const csms = inScope.map((user): CsmActivity => {
    const own = byCsm.get(user.id) ?? []
    const done = own.filter((r) => r.status === 'completed')
    const skipped = own.filter((r) => r.status === 'skipped')
    const workflows = completed.find((c) => c.csm_id === user.id)
    const steps = [...groupBy(done, 'step_id')]
      .map(([stepId, rs]): StepTime => {
        const sorted = sortedDurations(rs)
        return {
          stepId,
          name: STEP_NAMES.get(stepId) ?? stepId,
          count: rs.length,
          medianMinutes: minutes(median(sorted)),
          p90Minutes: minutes(percentile(sorted, 90)),
          teamMedianMinutes: teamMedian.get(stepId) ?? 0,
        }
      })
      .sort((a, b) => a.stepId.localeCompare(b.stepId))
    return {
      csmId: user.id,
      name: user.name,
      workflowsCompleted: workflows?.completed ?? 0,
      onTime: workflows?.on_time ?? 0,
      stepsCompleted: done.length,
      stepsSkipped: skipped.length,
      skipReasons: topReasons(skipped),
      steps,
    }
  })
  return { success: true, ...period, csms: csms.sort((a, b) => a.name.localeCompare(b.name)) }
}
