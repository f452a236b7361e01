import { addDays, daysBetween, isoDay, type Clock } from '../clock'
import { STAGES, stageInfoFor } from '../domain/stages'
import type { Tx } from '../store/db'
import { WAKE_DAYS_BEFORE_RENEWAL } from '../workflows/queries'
import type { TeamCsm, TeamResponse } from './types'

export type { TeamCsm, TeamResponse }

/** GET /api/admin/team: every CSM's load and results, the team's totals, and what nobody works on. */
export async function teamOverview(tx: Tx, clock: Clock): Promise<TeamResponse> {
  const today = isoDay(clock.now())
  const users = (await tx.users()).filter((u) => u.role === 'csm')
  const open = await tx.teamWorkflows()
  const completed = new Map(
    (await tx.completedSince(`${addDays(today, -30)}T00:00:00.000Z`)).map((r) => [r.assigned_to, r.n]),
  )
  const stages = new Map(STAGES.map((stage) => [stage as string, { stage: stage as string, workflows: 0, arr: 0 }]))
  for (const w of open) {
    const entry = stages.get(stageInfoFor(daysBetween(today, w.renewal_date)).stage)!
    entry.workflows++
    entry.arr += w.arr
  }
  const csms: TeamCsm[] = []
  for (const user of users) {
    const mine = open.filter((w) => w.assigned_to === user.id)
    const counts = await tx.statusCounts(user.id, {
      start: `${today}T00:00:00.000Z`,
      end: `${addDays(today, 1)}T00:00:00.000Z`,
      today,
      wake: addDays(today, WAKE_DAYS_BEFORE_RENEWAL),
    })
    csms.push({
      id: user.id,
      name: user.name,
      email: user.email,
      experience: user.experience,
      active: user.active === 1,
      pending: counts.pending,
      inProgress: counts.inProgress,
      overdue: mine.filter((w) => w.renewal_date < today).length,
      completedLast30Days: completed.get(user.id) ?? 0,
      openArr: mine.reduce((sum, w) => sum + w.arr, 0),
      nextRenewal: mine.reduce<string | null>(
        (soonest, w) => (!soonest || w.renewal_date < soonest ? w.renewal_date : soonest),
        null,
      ),
    })
  }
  const sum = (key: 'pending' | 'inProgress' | 'overdue' | 'completedLast30Days' | 'openArr') =>
    csms.reduce((total, c) => total + c[key], 0)
  const uncovered = await tx.uncoveredAccounts(today, addDays(today, 30))
  return {
    success: true,
    csms,
    totals: {
      csms: csms.length,
      pending: sum('pending'),
      inProgress: sum('inProgress'),
      overdue: sum('overdue'),
      completedLast30Days: sum('completedLast30Days'),
      openArr: sum('openArr'),
    },
    stages: [...stages.values()],
    uncovered: uncovered.map((u) => ({
      customerId: u.id,
      name: u.name,
      arr: u.arr,
      renewalDate: u.renewal_date,
      owner: { id: u.owner_id, name: u.owner_name },
    })),
  }
}
