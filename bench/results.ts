import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** What one figure measured: its p50 and p95 in ms. */
export interface Figure {
  p50: number
  p95: number
}

const LAST = resolve('bench/last.json')
export const BASELINE = resolve('bench/baseline.json')
/** A p95 this much worse than its baseline is flagged. */
export const REGRESSION = 1.25

export function readFigures(file: string): Record<string, Figure> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Figure>) : {}
}

/** The first bench of a run starts bench/last.json afresh; the others add to it. */
export function saveFigures(figures: Record<string, Figure>, options: { fresh?: boolean } = {}): void {
  const all = options.fresh ? {} : readFigures(LAST)
  writeFileSync(LAST, `${JSON.stringify({ ...all, ...figures }, null, 2)}\n`)
}

/** ` REGRESSED (p95 was 1.23 ms)` when a p95 is over 25% worse than the baseline's. */
export function regression(name: string, p95: number, baseline = readFigures(BASELINE)): string {
  const before = baseline[name]?.p95
  return before !== undefined && p95 > before * REGRESSION ? `  REGRESSED (baseline p95 ${before.toFixed(3)} ms)` : ''
}

export function lastFigures(): Record<string, Figure> {
  return readFigures(LAST)
}
