import { TEMPLATES_DIR, TEST_SECRET, contractClock, tempDbPath } from '../core/testing'
import { startHost, type Host, type HostOptions } from './host'

/** For tests: a headless host on a free loopback port, a fresh database with the demo book, on the contract's day. */
export function startTestHost(options: Partial<HostOptions> = {}): Promise<Host> {
  return startHost({
    port: 0,
    host: '127.0.0.1',
    dbPath: tempDbPath(),
    demo: true,
    jwtSecret: TEST_SECRET,
    clock: contractClock,
    rendererDir: '/nonexistent',
    templatesDir: TEMPLATES_DIR,
    logError: () => {},
    ...options,
  })
}
