/**
 * The last step of npm run bench: compares every p95 of bench/last.json with
 * bench/baseline.json and prints one summary line; `npm run bench -- --save` makes this run
 * the new baseline.
 */
import { copyFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { BASELINE, lastFigures, readFigures, REGRESSION } from './results'

const last = lastFigures()
const baseline = readFigures(BASELINE)
const names = Object.keys(last)
const regressed = names.filter((name) => baseline[name] && last[name]!.p95 > baseline[name]!.p95 * REGRESSION)
const unknown = names.filter((name) => !baseline[name])
console.log(
  `\nbench: ${names.length} figures, ${regressed.length} REGRESSED (p95 over ${Math.round((REGRESSION - 1) * 100)}% worse than bench/baseline.json)` +
    (regressed.length ? `: ${regressed.join('; ')}` : '') +
    (unknown.length ? `, ${unknown.length} without a baseline` : ''),
)
if (process.argv.includes('--save')) {
  copyFileSync(resolve('bench/last.json'), BASELINE)
  console.log('bench/baseline.json now holds this run')
}
