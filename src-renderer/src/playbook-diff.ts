import type { PlaybookBody } from './api/workflow-service'

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** A playbook as lines a person reads: its names, then each step's settings and template. */
export function playbookLines(body: PlaybookBody): string[] {
  const lines = [`Name: ${body.name}`, `Title: ${body.title}`]
  for (const step of body.steps) {
    const o = step.outputs
    lines.push(
      `— Step ${step.id}: ${step.name} (${step.estimatedMinutes} min${step.skippable ? ', skippable' : ''})`,
      `  Decision${o.decision.required ? ' (required)' : ''}: ${o.decision.options.map((x) => `${x.value} “${x.label}”`).join(', ')}`,
      `  Notes ${o.notes.required ? 'required' : 'optional'}; next actions ${o.nextActions ? 'on' : 'off'}`,
    )
    if (step.skipReasons?.length) lines.push(`  Skip reasons: ${step.skipReasons.join('; ')}`)
    lines.push(...step.template.split('\n').map((line) => `  | ${line}`))
  }
  return lines
}

/** A line diff (longest common subsequence): what `to` removes from `from` and adds to it. */
export function diffLines(from: readonly string[], to: readonly string[]): DiffLine[] {
  const n = from.length
  const m = to.length
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = from[i] === to[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (from[i] === to[j]) {
      out.push({ kind: 'same', text: from[i]! })
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: from[i++]! })
    else out.push({ kind: 'added', text: to[j++]! })
  }
  while (i < n) out.push({ kind: 'removed', text: from[i++]! })
  while (j < m) out.push({ kind: 'added', text: to[j++]! })
  return out
}

/** The changed lines with a line of context either side; runs of unchanged lines fold to one marker. */
export function changesOnly(diff: readonly DiffLine[], context = 1): (DiffLine | { kind: 'fold'; count: number })[] {
  const near = (index: number) =>
    diff.slice(Math.max(0, index - context), index + context + 1).some((l) => l.kind !== 'same')
  const out: (DiffLine | { kind: 'fold'; count: number })[] = []
  diff.forEach((line, index) => {
    if (line.kind !== 'same' || near(index)) out.push(line)
    else {
      const last = out.at(-1)
      if (last?.kind === 'fold') last.count++
      else out.push({ kind: 'fold', count: 1 })
    }
  })
  return out
}
