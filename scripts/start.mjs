// npm start: the desktop app in development (electron-vite dev, hot reload). Where the
// Electron binary is missing (it could not be downloaded), serve the same app through the
// headless host with the demo data instead, and say so.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let binary = null
try {
  binary = require('electron')
} catch {
  binary = null
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (args) => spawn(npm, args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0))

if (typeof binary === 'string' && existsSync(binary)) {
  if (!existsSync('build/electron-sqlite/better_sqlite3.node')) {
    console.log('Building better-sqlite3 for Electron first (once): npm run build:electron-sqlite')
    const build = spawn(npm, ['run', 'build:electron-sqlite'], { stdio: 'inherit' })
    build.on('exit', (code) => (code === 0 ? run(['exec', 'electron-vite', 'dev']) : process.exit(code ?? 1)))
  } else {
    run(['exec', 'electron-vite', 'dev'])
  }
} else {
  console.log('The Electron binary is not installed on this machine (node_modules/electron has no dist/),')
  console.log('so the desktop window cannot open. Serving the same app through the headless host with the demo data;')
  console.log('open the sign-in link printed below in a browser.')
  run(['run', 'serve', '--', '--demo', '--db', './data/desk.sqlite'])
}
