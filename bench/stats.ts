/** Percentiles and timing for the benchmarks; no assertions, only numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export interface Summary {
  p50: number
  p95: number
  p99: number
  samples: number
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    samples: sorted.length,
  }
}

/** Runs `op` warmup + n times, timing each run in milliseconds. */
export async function measure(n: number, warmup: number, op: (i: number) => unknown): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await op(i)
  const samples: number[] = []
  for (let i = warmup; i < warmup + n; i++) {
    // An in-process call resolves in microtasks only; give timers and sockets their turn
    // (outside the timing) so a benchmark never starves the HTTP server it shares a process with.
    await new Promise((resolve) => setImmediate(resolve))
    const start = process.hrtime.bigint()
    await op(i)
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return summarize(samples)
}

/**
 * Times `a` and `b` in turns, sample by sample, so both see the same machine: a ratio of the
 * two is then fair even while the machine's speed drifts.
 */
export async function measurePair(
  n: number,
  warmup: number,
  a: (i: number) => unknown,
  b: (i: number) => unknown,
): Promise<[Summary, Summary]> {
  for (let i = 0; i < warmup; i++) {
    await a(i)
    await b(i)
  }
  const samples: [number[], number[]] = [[], []]
  for (let i = warmup; i < warmup + n; i++) {
    for (const [k, op] of [a, b].entries()) {
      await new Promise((resolve) => setImmediate(resolve))
      const start = process.hrtime.bigint()
      await op(i)
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
  }
  return [summarize(samples[0]), summarize(samples[1])]
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(3) : value.toFixed(1)
}
