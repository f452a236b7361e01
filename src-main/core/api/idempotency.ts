import type { Store } from '../store/store'
import type { User } from './auth'
import { ApiError } from './errors'

const KEY = /^[A-Za-z0-9_-]{8,200}$/

/**
 * Server-side idempotency: a POST with an Idempotency-Key records its response in the same
 * transaction as its effect, and a resend with the same key gets that response again, with
 * no second effect. Only successes are recorded: a refused request changed nothing.
 */
export class Idempotency {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  run<T>(user: User, key: string | undefined, path: string, fn: () => T): T {
    if (key === undefined) return fn()
    if (!KEY.test(key)) {
      throw new ApiError('VALIDATION_ERROR', 'Idempotency-Key must be 8 to 200 letters, digits, "-" or "_"', {
        fields: { 'Idempotency-Key': 'is malformed' },
      })
    }
    return this.store.transaction(() => {
      const hit = this.store.idempotencyHit(key)
      if (hit) {
        if (hit.user_id !== user.id || hit.path !== path) {
          throw new ApiError('VALIDATION_ERROR', 'This Idempotency-Key was already used for another request', {
            fields: { 'Idempotency-Key': 'was used for another request' },
          })
        }
        return JSON.parse(hit.response_json) as T
      }
      const result = fn()
      this.store.recordIdempotency(key, user.id, path, JSON.stringify(result), this.now().toISOString())
      return result
    })
  }
}
