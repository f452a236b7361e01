import { z } from 'zod'
import type { User } from '../api/auth'
import { parseBody, validationError } from '../api/bodies'
import { ApiError } from '../api/errors'
import { aYearLater } from '../domain/renewal-dates'
import { planRenewals } from '../planner/planner'
import type { Tx } from '../store/db'
import type { CustomerRow } from '../store/rows'
import type { ClosingRenewal } from '../store/renewals-tx'
import { audit } from '../team/audit'
import { ownedAccount } from './forecasts'
import type { RenewalResponse } from './types'

const renewalBody = z.strictObject({
  result: z.enum(['renewed', 'churned'], { message: 'must be renewed or churned' }),
  arrAfter: z
    .number({ message: 'must be a whole amount' })
    .int('must be a whole amount')
    .min(0, 'must not be negative')
    .max(1e13, 'is too large')
    .optional(),
  nextRenewalDate: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }).optional(),
})

/**
 * What an import's new row closes of the account as it was: a renewal date moved forward is
 * the old renewal renewed at the file's ARR; a status that became churned is it churned.
 */
export function closedByImport(before: CustomerRow, after: CustomerRow, closedAt: string): ClosingRenewal | null {
  if (before.status !== 'active') return null
  const closing = {
    customer_id: before.id,
    renewal_date: before.renewal_date,
    arr_before: before.arr,
    closed_at: closedAt,
    source: 'import' as const,
    owner_id: before.owner_id,
  }
  if (after.status === 'churned') return { ...closing, result: 'churned', arr_after: 0 }
  if (after.renewal_date > before.renewal_date) return { ...closing, result: 'renewed', arr_after: after.arr }
  return null
}

/**
 * POST /api/accounts/{id}/renewal: the owner or an admin closes the current renewal. Renewed,
 * the account moves to its next date (a year later unless given) at its new ARR, and the planner
 * starts its work over; churned, its open work closes.
 */
export async function recordRenewal(
  tx: Tx,
  user: User,
  customerId: string,
  rawBody: unknown,
  now: { business: Date; wall: Date },
): Promise<RenewalResponse> {
  const customer = await ownedAccount(tx, user, customerId)
  const body = parseBody(renewalBody, rawBody)
  if (customer.status !== 'active')
    throw new ApiError('RENEWAL_CLOSED', `${customer.name} has churned: it has no open renewal`, { customerId })
  const renewed = body.result === 'renewed'
  if (!renewed && body.arrAfter) throw validationError({ arrAfter: 'must be 0 (or left out) for a churned account' })
  const next = renewed ? (body.nextRenewalDate ?? aYearLater(customer.renewal_date)) : null
  if (next !== null && next <= customer.renewal_date)
    throw validationError({ nextRenewalDate: `must be after the renewal it closes (${customer.renewal_date})` })
  const closing: ClosingRenewal = {
    customer_id: customer.id,
    renewal_date: customer.renewal_date,
    result: body.result,
    arr_before: customer.arr,
    arr_after: renewed ? (body.arrAfter ?? customer.arr) : 0,
    closed_at: now.wall.toISOString(),
    source: 'app',
    owner_id: customer.owner_id,
  }
  if (!(await tx.closeRenewals([closing]))[body.result])
    throw new ApiError('RENEWAL_CLOSED', `The renewal of ${customer.renewal_date} has closed already`, { customerId })
  await tx.upsertCustomer(
    renewed ? { ...customer, renewal_date: next!, arr: closing.arr_after } : { ...customer, status: 'churned' },
  )
  await planRenewals(tx, now.business, customer.id)
  await audit(tx, now.wall, user, 'renewal-recorded', {
    subject: customer.owner_id,
    details: {
      account: customer.name,
      customerId,
      result: body.result,
      renewalDate: customer.renewal_date,
      arrBefore: closing.arr_before,
      arrAfter: closing.arr_after,
    },
  })
  await tx.recordChange({
    user_id: customer.owner_id,
    type: 'queue-changed',
    workflow_id: null,
    customer_id: customerId,
    at: now.wall.toISOString(),
  })
  const outcome = (await tx.outcome(customer.id, customer.renewal_date))!
  return {
    success: true,
    outcome: {
      customerId,
      renewalDate: outcome.renewal_date,
      result: outcome.result,
      arrBefore: outcome.arr_before,
      arrAfter: outcome.arr_after,
      closedAt: outcome.closed_at,
      source: outcome.source,
      forecastCategory: outcome.forecast_category,
    },
    nextRenewalDate: next,
  }
}
