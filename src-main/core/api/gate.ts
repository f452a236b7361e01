import { ApiError } from './errors'

export interface GateOptions {
  /** How many run at once. */
  running: number
  /** How many wait behind them at most; beyond, the answer is 503 at once. */
  waiting: number
  /**
   * Refuse as well when the wait a newcomer faces, as the recent runs' time predicts it, would
   * pass this many milliseconds: a slow server then queues less than a fast one.
   */
  maxWaitMs?: number
  /** What a refused caller is told. */
  busy: string
  /** Seconds a refused caller is told to wait: the lowest and the highest, picked at random between. */
  retryAfter?: { min: number; max: number }
}

/** Runs timed before a wait is predicted from them. */
const WARM_UP_RUNS = 16

/**
 * Admission control: caps the work of one kind running at once, with a bounded queue behind it,
 * and refuses the rest at once with 503 SERVER_BUSY and a Retry-After, so a burst becomes a
 * queue (and callers that come back later) instead of every request slowing down together.
 *
 * Callers that wait for the same thing (the same `share` key, e.g. one CSM's two devices asking
 * for the same book) get one run's answer: that run starts after every one of them arrived, so
 * none gets an answer older than its request.
 */
export class Gate {
  private running = 0
  /** Runs so far (what a burst test counts). */
  ran = 0
  /** Callers answered by another caller's run. */
  shared = 0
  private readonly waiting: (() => void)[] = []
  private readonly queued = new Map<string, Promise<unknown>>()
  /** How long a run takes, in ms: the mean of the first runs, then a moving average (0 until one ran). */
  private runMs = 0
  private timed = 0

  constructor(
    private readonly options: GateOptions,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs fn when a place is free; refuses at once when the queue is full or would take too long. */
  run<T>(fn: () => Promise<T>, share?: string): Promise<T> {
    const same = share === undefined ? undefined : this.queued.get(share)
    if (same) {
      this.shared++
      return same as Promise<T>
    }
    if (this.running < this.options.running) {
      this.running++
      return this.runNow(fn)
    }
    if (this.full()) return Promise.reject(this.refusal())
    const turn = new Promise<void>((resolve) => this.waiting.push(resolve))
    const answer = turn.then(() => {
      if (share !== undefined) this.queued.delete(share)
      return this.runNow(fn)
    })
    if (share !== undefined) this.queued.set(share, answer)
    return answer
  }

  private full(): boolean {
    const { waiting, maxWaitMs, running } = this.options
    if (this.waiting.length >= waiting) return true
    const known = this.timed >= WARM_UP_RUNS
    return known && maxWaitMs !== undefined && ((this.waiting.length + 1) / running) * this.runMs > maxWaitMs
  }

  private refusal(): ApiError {
    const { min, max } = this.options.retryAfter ?? { min: 1, max: 1 }
    // Spread over the range, so the refused do not all come back in the same second.
    const retryAfter = min + Math.floor(this.random() * (max - min + 1))
    return new ApiError('SERVER_BUSY', this.options.busy, { retryAfter })
  }

  private async runNow<T>(fn: () => Promise<T>): Promise<T> {
    const started = this.now()
    try {
      this.ran++
      return await fn()
    } finally {
      const took = this.now() - started
      this.timed++
      this.runMs =
        this.timed <= WARM_UP_RUNS ? this.runMs + (took - this.runMs) / this.timed : this.runMs * 0.8 + took * 0.2
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }

  /** Running and waiting now (for tests and the bench). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}

/** How many of desks' first syncs a server runs at once and lets wait (see GateOptions). */
export interface FirstSyncLimits {
  running?: number
  waiting?: number
  maxWaitMs?: number
  retryAfter?: { min: number; max: number }
}
