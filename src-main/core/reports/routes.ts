import type { Context, Hono } from 'hono'
import type { ApiEnv } from '../api/env'
import { ApiError } from '../api/errors'
import { isoDay, type Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import { activityReport } from './activity'
import { forecastReport } from './forecast'
import { quarterOf } from './formulas'
import { outcomesReport } from './outcomes'
import { monthRange, period, reportOwner } from './scope'

export interface ReportDeps {
  db: Db
  clock: Clock
  /** Whether this host holds the team's data; a desk that follows a team server asks it. */
  ownsData: () => boolean
  forward?: (method: 'GET', path: string) => Promise<{ status: number; body: unknown }>
}

/**
 * /api/reports/*: the renewal forecast, outcomes and activity. A desk that follows a team server
 * asks the server; when it is out of reach, a CSM's own reports are computed from what the desk
 * holds (marked `offline`), and team reports say they need the server.
 */
export function addReportRoutes(api: Hono<ApiEnv>, deps: ReportDeps): void {
  const report = (build: (c: Context<ApiEnv>, tx: Tx, owner: string | null) => Promise<object>) => {
    return async (c: Context<ApiEnv>) => {
      const owner = reportOwner(c.var.user, c.req.query('csmId'))
      const local = async () => deps.db.read((tx) => build(c, tx, owner))
      if (deps.ownsData() || !deps.forward) return c.json(await local())
      const url = new URL(c.req.url)
      try {
        const answer = await deps.forward('GET', `${url.pathname.replace(/^\/api/, '')}${url.search}`)
        return c.json(answer.body as object, answer.status as 200)
      } catch (error) {
        const unreachable = error instanceof ApiError && error.code === 'SERVER_UNREACHABLE'
        if (!unreachable) throw error
        if (owner !== c.var.user.id)
          throw new ApiError('SERVER_UNREACHABLE', 'Team reports come from the team server, which is out of reach')
        return c.json({ ...(await local()), offline: true })
      }
    }
  }
  const today = () => isoDay(deps.clock.now())
  api.get(
    '/reports/forecast',
    report((c, tx, owner) =>
      forecastReport(tx, owner, monthRange(c.req.query('from'), c.req.query('months'), today().slice(0, 7))),
    ),
  )
  api.get(
    '/reports/outcomes',
    report((c, tx, owner) =>
      outcomesReport(
        tx,
        owner,
        period(c.req.query('from'), c.req.query('to'), () => quarterOf(today())),
      ),
    ),
  )
  api.get(
    '/reports/activity',
    report((c, tx, owner) =>
      activityReport(
        tx,
        owner,
        period(c.req.query('from'), c.req.query('to'), () => quarterOf(today())),
      ),
    ),
  )
}
