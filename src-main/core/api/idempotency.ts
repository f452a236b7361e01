import { createHash } from 'node:crypto'
import type { Db, Tx } from '../store/db'
import type { User } from './auth'
import { ApiError } from './errors'

const KEY = /^[A-Za-z0-9_-]{8,200}$/
/** How long a key's answer is kept: a resend within it gets the same answer again. */
export const KEY_LIFETIME_DAYS = 30
/**
 * How long the fact that a key was applied is kept: as long as a desk may hold a change. A
 * resend after the answer is gone is still applied at most once; it gets `alreadyApplied`.
 */
export const APPLIED_RECORD_DAYS = 400
const DAY_MS = 86_400_000
/** Old keys are swept by a change at most this often (per server): a sweep in every change cost each push two statements. */
export const SWEEP_EVERY_MS = 60_000

/**
 * Server-side idempotency: a POST with an Idempotency-Key records its response in the same
 * transaction as its effect, and a resend with the same key and body gets that response
 * again, with no second effect. The same key with another body, user or path is refused (422).
 * Only successes are recorded: a refused request changed nothing. The key is locked for the
 * transaction, so two servers on one database never run it twice. After 30 days (wall clock) a
 * key keeps only the fact that it was applied; after 400 days it is forgotten. Those ages are
 * checked on every read; the sweep that drops and compacts old keys runs at most once a minute.
 */
export class Idempotency {
  private sweptAt = -Infinity

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  run<T>(user: User, key: string | undefined, path: string, bodyText: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (key === undefined) return this.db.write(fn)
    if (!KEY.test(key)) {
      throw new ApiError('VALIDATION_ERROR', 'Idempotency-Key must be 8 to 200 letters, digits, "-" or "_"', {
        fields: { 'Idempotency-Key': 'is malformed' },
      })
    }
    const bodyHash = createHash('sha256').update(bodyText).digest('base64url')
    const now = this.now()
    const answerSince = new Date(now.getTime() - KEY_LIFETIME_DAYS * DAY_MS).toISOString()
    const since = new Date(now.getTime() - APPLIED_RECORD_DAYS * DAY_MS).toISOString()
    return this.db.write(async (tx) => {
      await tx.lock(`idempotency:${key}`)
      const hit = await tx.idempotencyHit(key, since)
      if (hit) {
        if (hit.user_id !== user.id || hit.path !== path || (hit.body_hash && hit.body_hash !== bodyHash)) {
          throw new ApiError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used for a different request; send a new key for a new change',
            { idempotencyKey: key },
          )
        }
        if (!hit.response_json || hit.created_at < answerSince) return { success: true, alreadyApplied: true } as T
        return JSON.parse(hit.response_json) as T
      }
      const result = await fn(tx)
      if (Math.abs(now.getTime() - this.sweptAt) >= SWEEP_EVERY_MS) {
        await tx.expireIdempotencyKeys(since)
        await tx.compactIdempotencyKeys(answerSince)
        this.sweptAt = now.getTime()
      }
      await tx.recordIdempotency({
        key,
        user_id: user.id,
        path,
        body_hash: bodyHash,
        response_json: JSON.stringify(result),
        created_at: now.toISOString(),
      })
      return result
    })
  }
}
