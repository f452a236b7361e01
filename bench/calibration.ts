import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { Store } from '../src-main/core/store/store'
import { tempDbPath } from '../src-main/core/testing'
import { BENCH_CLOCK } from './bench-host'
import { seedOneQueue } from './big-book'
import { floorReads } from './floor'
import type { Figure } from './results'
import { measure } from './stats'

/**
 * The yardstick for a bench that has no floor of its own (bench:server): the raw better-sqlite3
 * read of a 50-workflow queue, timed on a database of its own, before the load starts.
 */
export async function measureCalibration(): Promise<Figure> {
  const path = tempDbPath()
  const store = new Store(path)
  try {
    seedOneQueue(store, BENCH_CLOCK, 'csm-calibration', 50)
    const floor = floorReads(store.db, BENCH_CLOCK)
    const { p50, p95 } = await measure(2000, 1000, () => floor.queue('csm-calibration'))
    return { p50, p95 }
  } finally {
    store.close()
    rmSync(dirname(path), { recursive: true, force: true })
  }
}
