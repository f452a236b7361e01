import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fixedClock } from '../src-main/core/clock'
import { TEMPLATES_DIR, tempDbPath } from '../src-main/core/testing'
import { startHost, type Host } from '../src-main/headless/host'
import { spawnServe } from '../src-main/headless/spawn-serve'

/** Every benchmark runs on the contract's day, so its numbers compare across runs. */
export const BENCH_CLOCK = fixedClock('2025-12-28T14:00:00Z')

/** A headless host on a free loopback port with an empty database of its own; dispose() removes it. */
export async function benchHost(
  jwtSecret: string,
  rendererDir = '/nonexistent',
): Promise<Host & { dispose(): Promise<void> }> {
  const dbPath = tempDbPath()
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dbPath,
    jwtSecret,
    clock: BENCH_CLOCK,
    rendererDir,
    templatesDir: TEMPLATES_DIR,
  })
  return {
    ...host,
    dispose: async () => {
      await host.close()
      rmSync(dirname(dbPath), { recursive: true, force: true })
    },
  }
}

/** `npm run serve` on a database, in a child process (like bench:server and the app's users). */
export function serveInChild(dbPath: string, jwtSecret: string): Promise<{ url: string; child: ChildProcess }> {
  const pool = process.env.BENCH_SERVER_POOL ? ['--pg-pool-size', process.env.BENCH_SERVER_POOL] : []
  return spawnServe(['--db', dbPath, ...pool], {
    CSMDESK_JWT_SECRET: jwtSecret,
    CSMDESK_NOW: BENCH_CLOCK.now().toISOString(),
  })
}
