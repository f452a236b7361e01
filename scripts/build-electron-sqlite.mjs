// Builds better-sqlite3 for Electron's ABI into build/electron-sqlite/, leaving node_modules
// (the Node build that `npm test` uses) untouched. Main loads it through `nativeBinding`.
// Needs the network (prebuilt download, or Electron's headers for a source build).
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const source = resolve('node_modules/better-sqlite3')
const work = resolve('build/electron-sqlite/src')
const out = resolve('build/electron-sqlite/better_sqlite3.node')

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) })
const run = (command, args) =>
  execFileSync(command, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' })
try {
  run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    '--runtime',
    'electron',
    '--target',
    electronVersion,
  ])
} catch {
  console.log('No prebuilt better-sqlite3 for this Electron; compiling it against Electron headers.')
  run(process.execPath, [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ])
}
const built = join(work, 'build', 'Release', 'better_sqlite3.node')
if (!existsSync(built)) throw new Error(`better-sqlite3 for Electron ${electronVersion} was not built`)
cpSync(built, out)
rmSync(work, { recursive: true, force: true })
console.log(`better-sqlite3 for Electron ${electronVersion}: ${out}`)
