import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** A clone of this repository is all a user has: nothing in it may read or link a file outside it. */
const ROOT = resolve(__dirname, '..')
const TEXT = /\.(ts|tsx|mjs|js|json|md|html|css|yml|yaml)$|(^|\/)(run|\.gitignore)$/

function files(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return listed
    .split('\0')
    .filter((file) => TEXT.test(file) && file !== 'package-lock.json' && resolve(ROOT, file) !== __filename)
    .filter((file) => {
      try {
        readFileSync(resolve(ROOT, file))
        return true
      } catch {
        return false // deleted in the working tree
      }
    })
}

/** Relative paths that climb out of the file's folder: string literals, Markdown links, shell arguments. */
const CLIMBING = /(?:['"`(\s]|^)((?:\.\.\/)+[\w.@-][^'"`)\s]*)/gm

export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = []
  for (const [, path] of text.matchAll(CLIMBING)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), path!))
    if (target.startsWith('..')) found.push(`${file}: ${path}`)
  }
  return found
}

describe('the repository stands on its own', () => {
  it('has no tracked file that refers to a path outside it', () => {
    const offenders = files().flatMap((file) => outsideReferences(file, readFileSync(resolve(ROOT, file), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('catches the ways a file can point outside', () => {
    const up = '..' + '/'
    const shared = `${up}shared/spec/contract.md`
    expect(outsideReferences('src-main/core/x.test.ts', `readFileSync('${up}${up}${shared}')`)).toHaveLength(1)
    expect(outsideReferences('README.md', `See \`${shared}\` and [it](${shared}).`)).toHaveLength(2)
    expect(outsideReferences('src-main/core/x.ts', "import { y } from '../../resources/mock/queue.json'")).toEqual([])
  })
})
