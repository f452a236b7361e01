import { ApiError } from '../api/errors'

/**
 * Caps the password checks running at once, with a short queue behind them. scrypt takes tens
 * of milliseconds of a thread-pool thread on purpose; without a cap, a burst of sign-ins would
 * take every thread the API needs. Beyond the queue: 503 with Retry-After.
 */
export class ScryptGate {
  private running = 0
  /** Checks run so far (what a burst test counts). */
  ran = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    readonly maxRunning = 2,
    readonly maxWaiting = 16,
  ) {}

  /** Runs fn when a place is free; refuses at once when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting)
        throw new ApiError('SERVER_BUSY', 'Too many sign-ins at once; try again in a moment', { retryAfter: 1 })
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      this.ran++
      return await fn()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }

  /** Checks running and waiting now (for tests and the bench). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}
