import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** What one figure measured: its p50 and p95 in ms. */
export interface Figure {
  p50: number
  p95: number
}

const LAST = resolve('bench/last.json')
export const BASELINE = resolve('bench/baseline.json')
/** bench:server's own pair: its figures are of another kind (a loaded server), with their own yardstick. */
export const SERVER_LAST = resolve('bench/server-last.json')
export const SERVER_BASELINE = resolve('bench/server-baseline.json')
/** A p95 this much worse than its baseline, once scaled to this machine's speed, is flagged. */
export const REGRESSION = 1.25
/**
 * The run's yardstick: the raw better-sqlite3 read of a 50-row queue (the api bench's floor),
 * timed in the same run. Its p50 against the baseline's says how much slower or faster this
 * machine is, so a figure is compared with its baseline scaled by that, not as measured elsewhere.
 */
export const CALIBRATION = 'calibration: raw SQLite queue (50) read'

export function readFigures(file: string): Record<string, Figure> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Figure>) : {}
}

/** The first bench of a run starts bench/last.json afresh; the others add to it. */
export function saveFigures(figures: Record<string, Figure>, options: { fresh?: boolean; file?: string } = {}): void {
  const file = options.file ?? LAST
  const all = options.fresh ? {} : readFigures(file)
  writeFileSync(file, `${JSON.stringify({ ...all, ...figures }, null, 2)}\n`)
}

/** How much slower (> 1) or faster (< 1) this run's machine is than the baseline's; 1 when unknown. */
export function speedScale(last: Record<string, Figure>, baseline: Record<string, Figure>): number {
  const now = last[CALIBRATION]?.p50
  const then = baseline[CALIBRATION]?.p50
  return now && then ? now / then : 1
}

/** Whether a p95 is over 25% worse than its baseline's, after scaling the baseline to this machine. */
export function isRegressed(p95: number, baselineP95: number | undefined, scale: number): boolean {
  return baselineP95 !== undefined && p95 > baselineP95 * scale * REGRESSION
}

/** ` REGRESSED (baseline p95 1.23 ms, 2.31 ms at this machine's speed)` when a p95 regressed. */
export function regression(
  name: string,
  p95: number,
  baseline = readFigures(BASELINE),
  scale = speedScale(lastFigures(), baseline),
): string {
  const before = baseline[name]?.p95
  if (name === CALIBRATION || !isRegressed(p95, before, scale)) return ''
  return `  REGRESSED (baseline p95 ${before!.toFixed(3)} ms, ${(before! * scale).toFixed(3)} ms at this machine's speed)`
}

export function lastFigures(): Record<string, Figure> {
  return readFigures(LAST)
}
