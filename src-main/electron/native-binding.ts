import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 built for Node does not load in Electron (another ABI). `npm run
 * build:electron-sqlite` builds a second copy for Electron into build/electron-sqlite, and
 * packaging ships it as resources/native; node_modules keeps the Node build for the tests.
 */
export function electronSqliteBinding(options: {
  packaged: boolean
  appPath: string
  resourcesPath: string
}): string | undefined {
  const path = options.packaged
    ? join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : join(options.appPath, 'build', 'electron-sqlite', 'better_sqlite3.node')
  return existsSync(path) ? path : undefined
}
