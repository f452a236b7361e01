/**
 * The last step of npm run bench: compares every p95 of bench/last.json with
 * bench/baseline.json and prints one summary line; `npm run bench -- --save` makes this run
 * the new baseline.
 */
import { copyFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { BASELINE, CALIBRATION, isRegressed, lastFigures, readFigures, REGRESSION, speedScale } from './results'

const last = lastFigures()
const baseline = readFigures(BASELINE)
const scale = speedScale(last, baseline)
const names = Object.keys(last).filter((name) => name !== CALIBRATION)
const regressed = names.filter((name) => isRegressed(last[name]!.p95, baseline[name]?.p95, scale))
const unknown = names.filter((name) => !baseline[name])
console.log(
  `\nbench: this machine runs at ${scale.toFixed(2)}x the baseline's time (${CALIBRATION})` +
    (baseline[CALIBRATION] ? '' : '; the baseline has no calibration, so figures compare as measured'),
)
console.log(
  `bench: ${names.length} figures, ${regressed.length} REGRESSED (p95 over ${Math.round((REGRESSION - 1) * 100)}% worse than bench/baseline.json at this machine's speed)` +
    (regressed.length ? `: ${regressed.join('; ')}` : '') +
    (unknown.length ? `, ${unknown.length} without a baseline` : ''),
)
if (process.argv.includes('--save')) {
  copyFileSync(resolve('bench/last.json'), BASELINE)
  console.log('bench/baseline.json now holds this run')
}
