import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The folder says where code runs: only src-main/electron may import electron. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.(ts|tsx)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  )
}

const IMPORTS_ELECTRON = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/

describe('runtime boundaries', () => {
  it('keeps electron imports inside src-main/electron', () => {
    const offenders = sources(__dirname)
      .filter((file) => !relative(__dirname, file).startsWith('electron') && file !== __filename)
      .filter((file) => IMPORTS_ELECTRON.test(readFileSync(file, 'utf8')))
      .map((file) => relative(__dirname, file))
    expect(offenders).toEqual([])
  })

  it('keeps Node built-ins out of the renderer', () => {
    const renderer = join(__dirname, '../src-renderer')
    const offenders = sources(renderer).filter((file) =>
      /from\s+['"](node:|fs['"]|path['"]|electron['"]|better-sqlite3)/.test(readFileSync(file, 'utf8')),
    )
    expect(offenders).toEqual([])
  })

  it('detects the import forms it is meant to catch', () => {
    for (const line of [
      "import { app } from 'electron'",
      'const e = require("electron")',
      "await import('electron/main')",
    ]) {
      expect(line).toMatch(IMPORTS_ELECTRON)
    }
    expect("import { x } from 'electron-vite'").not.toMatch(IMPORTS_ELECTRON)
  })
})
