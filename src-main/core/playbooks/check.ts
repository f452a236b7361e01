import { TemplateError, type CompiledTemplate } from '../templates/compile'
import { pathsOf } from '../templates/paths'
import type { TemplateVariables } from '../templates/variables'
import { compileTemplateOf } from './compile-step'
import type { CheckProblem, PlaybookBody } from './types'

/** One workflow's template variables, to render a draft over. */
export interface BookSample {
  workflowId: string
  variables: TemplateVariables
}

/** A decision an in-progress workflow of the playbook recorded. */
export interface RecordedDecision {
  step_id: string
  decision: string
  workflow_id: string
}

/** Roots whose children are the book's own (imported fields, step outputs, lists): any name goes. */
const OPEN_ROOTS = new Set(['data', 'steps', 'tasks', 'history', 'handovers'])
/** Additive fields a context has only on some workflows. */
const SOMETIMES: Record<string, string[]> = {
  workflow: ['closedAt', 'dueDate', 'note', 'playbookVersion'],
}

/** The context's fields by root, as the book's contexts have them. */
function knownFields(book: readonly BookSample[]): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>()
  for (const { variables } of book) {
    for (const [root, value] of Object.entries(variables)) {
      const fields = known.get(root) ?? new Set<string>(SOMETIMES[root] ?? [])
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const k of Object.keys(value)) fields.add(k)
      known.set(root, fields)
    }
  }
  return known
}

function unknownPath(path: string, known: Map<string, Set<string>>): string | null {
  const [root, field] = path.split(/[.[]/)
  if (!known.has(root!)) return `${root} is not in the workflow context`
  if (OPEN_ROOTS.has(root!) || field === undefined) return null
  return known.get(root!)!.has(field) ? null : `${root}.${field} is not in the workflow context`
}

/** Markup a step's content may not carry (the app removes it when shown; a check says so first). */
const SCRIPT = /<\s*script\b|\son[a-z]+\s*=|javascript:/i

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length

/** The first line of the source that names a path (a value missing at render names no line). */
function lineOf(source: string, path: string): number | null {
  const index = source.split('\n').findIndex((line) => line.includes(path))
  return index < 0 ? null : index + 1
}

/**
 * Everything wrong with a playbook before it is published: templates that do not compile
 * (syntax, helpers, raw output), paths not in the contract's context, values missing when
 * rendered over the book in strict mode (with the first workflow each fails on), dated series
 * printed newest first, and decisions in-progress workflows recorded that the draft no longer offers.
 */
export function checkPlaybook(
  body: PlaybookBody,
  book: readonly BookSample[],
  recorded: readonly RecordedDecision[],
): { problems: CheckProblem[]; renders: number } {
  const problems: CheckProblem[] = []
  const known = knownFields(book)
  const compiled = new Map<string, CompiledTemplate>()
  for (const step of body.steps) {
    try {
      compiled.set(step.id, compileTemplateOf(body.id, step))
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      problems.push(problem(step.id, 'template', error.problem, error.line, null, null))
      continue
    }
    const script = SCRIPT.exec(step.template)
    if (script)
      problems.push(
        problem(
          step.id,
          'template',
          `"${script[0].trim()}": scripts and event handlers are not allowed in a template`,
          lineAt(step.template, script.index),
          null,
          null,
        ),
      )
    const seen = new Set<string>()
    for (const { path, line } of pathsOf(step.template)) {
      const why = unknownPath(path, known)
      if (why && !seen.has(path)) problems.push(problem(step.id, 'unknown-path', why, line, path, null))
      seen.add(path)
    }
  }
  let renders = 0
  const reported = new Set<string>()
  const once = (key: string, make: () => CheckProblem) => {
    if (reported.has(key)) return
    reported.add(key)
    problems.push(make())
  }
  for (const sample of book) {
    for (const step of body.steps) {
      const template = compiled.get(step.id)
      if (!template) continue
      renders++
      try {
        const { missing, unordered } = template(sample.variables)
        for (const path of missing)
          once(`${step.id}|missing|${path}`, () =>
            problem(step.id, 'missing', `${path} has no value`, lineOf(step.template, path), path, sample.workflowId),
          )
        for (const path of unordered ?? [])
          once(`${step.id}|unordered|${path}`, () =>
            problem(
              step.id,
              'unordered',
              `prints the dated series ${path} newest first; use (chronological ${path})`,
              lineOf(step.template, path),
              path,
              sample.workflowId,
            ),
          )
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error
        once(`${step.id}|error|${error.problem}`, () =>
          problem(step.id, 'template', error.problem, error.line, null, sample.workflowId),
        )
      }
    }
  }
  for (const r of recorded) {
    const step = body.steps.find((s) => s.id === r.step_id)
    const message = !step
      ? `removes step ${r.step_id}, whose decision "${r.decision}" in-progress workflows recorded`
      : step.outputs.decision.options.some((o) => o.value === r.decision)
        ? null
        : `no longer offers "${r.decision}", which in-progress workflows recorded`
    if (message) problems.push(problem(r.step_id, 'option-removed', message, null, null, r.workflow_id))
  }
  return { problems, renders }
}

function problem(
  stepId: string | null,
  kind: CheckProblem['kind'],
  message: string,
  line: number | null,
  path: string | null,
  workflowId: string | null,
): CheckProblem {
  return { stepId, kind, message, line, path, workflowId }
}
