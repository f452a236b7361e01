import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Clock } from '../clock'
import type { Db, Tx } from '../store/db'
import type { CustomerRow, ForecastView, LocalChange } from '../store/rows'
import { audit } from '../team/audit'
import { forecastKey } from '../store/rows'
import { suggestedCategory } from './suggestions'
import { FORECAST_CATEGORIES, type Forecast, type ForecastResponse } from './types'

const isoDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' })

const forecastBody = z.strictObject({
  category: z.enum(FORECAST_CATEGORIES as [string, ...string[]], {
    message: `must be one of ${FORECAST_CATEGORIES.join(', ')}`,
  }),
  forecastArr: z
    .number({ message: 'must be a whole amount' })
    .int('must be a whole amount')
    .min(0, 'must not be negative')
    .max(1e13, 'is too large')
    .nullable()
    .optional(),
  note: z.string().trim().max(2000, 'must be at most 2,000 characters').nullable().optional(),
  /** The renewal the CSM saw (a desk sends it): a renewal that closed meanwhile keeps its forecast. */
  renewalDate: isoDate.optional(),
  updatedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
})

/** The forecast of a renewal as the API shows it: the current ARR when none was set. */
export function toForecast(customer: Pick<CustomerRow, 'id' | 'arr' | 'renewal_date'>, row?: ForecastView): Forecast {
  return {
    customerId: customer.id,
    renewalDate: row?.renewal_date ?? customer.renewal_date,
    category: row?.category ?? 'unset',
    forecastArr: row?.forecast_arr ?? customer.arr,
    note: row?.note ?? null,
    updatedBy: row?.updated_by ? { id: row.updated_by, name: row.updated_by_name } : null,
    updatedAt: row?.updated_at ?? null,
    suggested: row ? row.chosen === 0 : false,
  }
}

/** The account, if the user may change its renewal: its owner or an admin. */
export async function ownedAccount(tx: Tx, user: User, customerId: string): Promise<CustomerRow> {
  const customer = await tx.customer(customerId)
  if (!customer) throw new ApiError('NOT_FOUND', `No account ${customerId}`, { customerId })
  if (user.role !== 'admin' && customer.owner_id !== user.id)
    throw new ApiError('FORBIDDEN', `${customer.name} is not one of your accounts`, { customerId })
  return customer
}

export interface ForecastDeps {
  db: Db
  clock: Clock
  wallClock: () => Date
  /** Sync's outbox, in the change's transaction. */
  record(change: LocalChange): void
}

/** Forecasts of open renewals: set by their owner or an admin, online or offline, or suggested by a step. */
export class Forecasts {
  constructor(private readonly deps: ForecastDeps) {}

  async of(customer: CustomerRow, tx: Tx): Promise<Forecast> {
    return toForecast(customer, await tx.forecast(customer.id, customer.renewal_date))
  }

  set(user: User, customerId: string, rawBody: unknown, tx?: Tx): Promise<ForecastResponse> {
    const run = async (t: Tx): Promise<ForecastResponse> => {
      const customer = await ownedAccount(t, user, customerId)
      const body = parseBody(forecastBody, rawBody)
      if (customer.status !== 'active' || (body.renewalDate && body.renewalDate !== customer.renewal_date)) {
        throw new ApiError('RENEWAL_CLOSED', `The renewal of ${body.renewalDate ?? customer.renewal_date} has closed`, {
          customerId,
          renewalDate: customer.status === 'active' ? customer.renewal_date : null,
        })
      }
      // When the CSM set it (a desk sends it later), never after now: a desk's clock may run ahead.
      const now = this.deps.wallClock()
      const updatedAt = new Date(Math.min(Date.parse(body.updatedAt ?? now.toISOString()), now.getTime())).toISOString()
      await t.saveForecast({
        customer_id: customerId,
        renewal_date: customer.renewal_date,
        category: body.category as Forecast['category'],
        forecast_arr: body.forecastArr ?? null,
        note: body.note || null,
        chosen: 1,
        updated_by: user.id,
        updated_at: updatedAt,
      })
      if (user.role === 'admin' && customer.owner_id !== user.id) {
        await audit(t, this.deps.wallClock(), user, 'forecast-set', {
          subject: customer.owner_id,
          details: { account: customer.name, customerId, category: body.category, forecastArr: body.forecastArr },
        })
      }
      await t.recordChange({
        user_id: customer.owner_id,
        type: 'customer-changed',
        workflow_id: null,
        customer_id: customerId,
        at: this.deps.wallClock().toISOString(),
      })
      this.deps.record({
        workflowId: forecastKey(customerId),
        kind: 'set-forecast',
        path: `/accounts/${encodeURIComponent(customerId)}/forecast`,
        body: {
          category: body.category,
          ...(body.forecastArr != null ? { forecastArr: body.forecastArr } : {}),
          ...(body.note ? { note: body.note } : {}),
          renewalDate: customer.renewal_date,
          updatedAt,
        },
      })
      return { success: true, forecast: await this.of(customer, t) }
    }
    return tx ? run(tx) : this.deps.db.write(run)
  }

  /** A step's decision suggests a category, unless a person chose one for this renewal. */
  async suggest(tx: Tx, user: User, customer: CustomerRow, decision: unknown, at: string): Promise<void> {
    const category = suggestedCategory(decision)
    if (!category || customer.status !== 'active') return
    const current = await tx.forecast(customer.id, customer.renewal_date)
    if (current?.chosen === 1 || current?.category === category) return
    await tx.saveForecast({
      customer_id: customer.id,
      renewal_date: customer.renewal_date,
      category,
      forecast_arr: current?.forecast_arr ?? null,
      note: current?.note ?? null,
      chosen: 0,
      updated_by: user.id,
      updated_at: at,
    })
  }
}
