import type { AuthCheck, AuthState } from '../store/auth-tx'
import type { Db } from '../store/db'

/** Token checks in one read at most. */
const MAX_BATCH = 500
/** Reads under way at once; checks asked meanwhile wait and go together in the next. */
const READS_AT_ONCE = 2

interface Asked {
  check: AuthCheck
  done(state: AuthState | undefined): void
  fail(error: unknown): void
}

/**
 * Every request's token check, read from the database after the request came: nothing is cached,
 * so a sign-out or a deactivation counts at once, on every instance. Checks asked while reads are
 * under way go together in the next read, so a thousand desks connecting at once cost a few
 * reads, not a thousand round trips.
 */
export class AuthChecks {
  /** Reads made so far (what a test counts). */
  reads = 0
  private readonly asked: Asked[] = []
  private running = 0

  constructor(
    private readonly db: Db,
    private readonly readsAtOnce = READS_AT_ONCE,
  ) {}

  state(check: AuthCheck): Promise<AuthState | undefined> {
    return new Promise((done, fail) => {
      this.asked.push({ check, done, fail })
      this.next()
    })
  }

  private next(): void {
    while (this.running < this.readsAtOnce && this.asked.length) {
      const batch = this.asked.splice(0, MAX_BATCH)
      this.running++
      this.reads++
      this.db
        .read((tx) => tx.authStates(batch.map((a) => a.check)))
        .then(
          (states) => batch.forEach((a, i) => a.done(states[i])),
          (error: unknown) => batch.forEach((a) => a.fail(error)),
        )
        .finally(() => {
          this.running--
          this.next()
        })
    }
  }
}
