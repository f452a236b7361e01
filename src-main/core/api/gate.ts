import { ApiError } from './errors'

export interface GateOptions {
  /** How many run at once. */
  running: number
  /** How many wait behind them; beyond, the answer is 503 at once. */
  waiting: number
  /** What a refused caller is told. */
  busy: string
  /** Seconds a refused caller is told to wait: the lowest and the highest, picked at random between. */
  retryAfter?: { min: number; max: number }
}

/**
 * Admission control: caps the work of one kind running at once, with a bounded queue behind it,
 * and refuses the rest at once with 503 SERVER_BUSY and a Retry-After, so a burst becomes a
 * queue (and callers that come back later) instead of every request slowing down together.
 */
export class Gate {
  private running = 0
  /** Runs so far (what a burst test counts). */
  ran = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly options: GateOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** Runs fn when a place is free; refuses at once when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.running) {
      if (this.waiting.length >= this.options.waiting) {
        const { min, max } = this.options.retryAfter ?? { min: 1, max: 1 }
        // Spread over the range, so the refused do not all come back in the same second.
        const retryAfter = min + Math.floor(this.random() * (max - min + 1))
        throw new ApiError('SERVER_BUSY', this.options.busy, { retryAfter })
      }
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

  /** Running and waiting now (for tests and the bench). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }
}
