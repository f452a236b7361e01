import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every non-test module of the core, with the core modules it imports. */
function importGraph(root: string): Map<string, string[]> {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
          ? [join(dir, entry.name)]
          : [],
    )
  const graph = new Map<string, string[]>()
  for (const file of files(root)) {
    const targets = [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)]
      .map(([, spec]) => resolve(dirname(file), spec!))
      .map((path) => [`${path}.ts`, join(path, 'index.ts')].find(existsSync))
      .filter((path): path is string => !!path && path.startsWith(root))
    graph.set(file, targets)
  }
  return graph
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, path: string[]) => {
    state.set(file, 'open')
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next])
      else if (!state.has(next)) visit(next, [...path, next])
    }
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file])
  return found
}

const CORE = __dirname
const named = (file: string) => relative(CORE, file)

describe('the core’s layers', () => {
  const graph = importGraph(CORE)

  it('has no import circle', () => {
    expect(cycles(graph).map((cycle) => cycle.map(named).join(' -> '))).toEqual([])
  })

  it('keeps api/ a ground floor: its helpers import only the store and the domain', () => {
    const upward = [...graph]
      .filter(([file]) => named(file).startsWith('api/'))
      .flatMap(([file, targets]) => targets.map((target) => `${named(file)} -> ${named(target)}`))
      .filter((edge) => !/-> (api|store|domain)\//.test(edge))
    expect(upward).toEqual([])
  })

  it('finds a circle when there is one', () => {
    const a = '/x/a.ts'
    const b = '/x/b.ts'
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toHaveLength(1)
  })
})
