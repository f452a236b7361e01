import { safeCell } from './csv'

/** One error of an import, as the API names it. */
export interface RowProblem {
  line: number
  column: string
  value: string | null
  message: string
}

/** The cells of one CSV line (RFC 4180 quoting within the line). */
function cellsOf(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else cell += ch
  }
  cells.push(cell)
  return cells
}

/**
 * The rows an import skipped, as a CSV to fix and import again: the file's header and each
 * rejected row as it was, with an `error` column saying what is wrong with it. (A row written
 * over several lines inside quotes is given as its first line.)
 */
export function rejectedRowsCsv(fileText: string, problems: readonly RowProblem[]): string {
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/)
  const byLine = new Map<number, string[]>()
  for (const p of problems) {
    if (p.line < 2) continue // the header or the file itself
    const said = `${p.column}: ${p.message}${p.value === null ? '' : ` (${p.value})`}`
    byLine.set(p.line, [...(byLine.get(p.line) ?? []), said])
  }
  const out = [[...cellsOf(lines[0] ?? ''), 'error'].map(safeCell).join(',')]
  for (const [line, said] of [...byLine].sort((a, b) => a[0] - b[0])) {
    out.push([...cellsOf(lines[line - 1] ?? ''), said.join('; ')].map(safeCell).join(','))
  }
  return `${out.join('\r\n')}\r\n`
}
