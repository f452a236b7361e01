import type { HelperDelegate } from 'handlebars'
import { BLOCK_HELPERS, FORMAT_HELPERS, VALUE_HELPERS, createEnvironment } from './helpers'

import { MAX_TEMPLATE_CHARS } from './limits'

export { MAX_TEMPLATE_CHARS }
export const MAX_OUTPUT_CHARS = 200_000

const FORBIDDEN_SEGMENTS = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

export class TemplateError extends Error {
  constructor(
    readonly template: string,
    readonly problem: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(`Template ${template}${line ? ` line ${line}` : ''}: ${problem}`)
    this.name = 'TemplateError'
  }
}

export interface RenderResult {
  output: string
  /** Every path the template asked for that the context does not have, in first-seen order. */
  missing: string[]
  /** Every dated series the template printed other than oldest first (only when there is one). */
  unordered?: string[]
}

export type CompiledTemplate = (variables: object) => RenderResult

const env = createEnvironment()

/** The contract writes `insights[0].message`; Handlebars wants `insights.[0].message`. */
export function contractSyntax(source: string): string {
  return source.replace(/\{\{[^{}]*\}\}/g, (mustache) => mustache.replace(/([\w\]-])\[(\d+)\]/g, '$1.[$2]'))
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation }

function fail(name: string, node: Node, problem: string): never {
  throw new TemplateError(name, problem, node.loc?.start.line ?? null, node.loc ? node.loc.start.column + 1 : null)
}

function isPath(node: hbs.AST.Node): node is hbs.AST.PathExpression {
  return node.type === 'PathExpression'
}

/** How a path is reported: in the contract's syntax, `insights[0].message`. */
function displayPath(path: hbs.AST.PathExpression): string {
  if (path.depth > 0 || /^(this|\.)/.test(path.original)) return path.original
  return path.parts.reduce(
    (shown, part) => (/^\d+$/.test(part) ? `${shown}[${part}]` : shown ? `${shown}.${part}` : part),
    '',
  )
}

function literal(value: string): hbs.AST.StringLiteral {
  return { type: 'StringLiteral', value, original: value, loc: undefined as never }
}

/** `path` -> `(__param path "path")`: a missing parameter becomes a visible, reported marker. */
function trackedParam(param: hbs.AST.Expression): hbs.AST.Expression {
  if (!isPath(param) || param.data || param.original === 'this') return param
  return tracked('__param', param)
}

/** `path` -> `(helper path "path")`: a helper that sees the value and knows where it came from. */
function tracked(helper: string, param: hbs.AST.PathExpression): hbs.AST.SubExpression {
  return {
    type: 'SubExpression',
    path: { type: 'PathExpression', data: false, depth: 0, parts: [helper], original: helper, loc: param.loc },
    params: [param, literal(displayPath(param))],
    hash: { type: 'Hash', pairs: [], loc: param.loc },
    loc: param.loc,
  } as hbs.AST.SubExpression
}

/**
 * Checks a template's AST against what templates may do, and rewrites value mustaches so a
 * missing value is shown and reported instead of rendering as a blank.
 */
function checkAndRewrite(name: string, node: Node): void {
  switch (node.type) {
    case 'Program':
      for (const child of (node as hbs.AST.Program).body) checkAndRewrite(name, child)
      return
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return fail(name, node, 'partials are not allowed')
    case 'DecoratorBlock':
    case 'Decorator':
      return fail(name, node, 'decorators are not allowed')
    case 'PathExpression': {
      const path = node as hbs.AST.PathExpression
      const bad = path.parts.find((part) => FORBIDDEN_SEGMENTS.has(part))
      if (bad) fail(name, node, `"${bad}" may not be read by a template`)
      return
    }
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression
      const head = (sub.path as hbs.AST.PathExpression).original
      if (!VALUE_HELPERS.has(head)) fail(name, node, `unknown helper "${head}"`)
      for (const param of sub.params) checkAndRewrite(name, param)
      if (FORMAT_HELPERS.has(head)) sub.params = sub.params.map(trackedParam)
      return
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement
      const head = (block.path as hbs.AST.PathExpression).original
      if (!BLOCK_HELPERS.has(head))
        fail(name, node, `unknown block helper "#${head}" (allowed: #if, #unless, #each, #with)`)
      for (const param of block.params) checkAndRewrite(name, param)
      // `#each path` over a dated series is checked for its order when rendered (templates:check).
      if (head === 'each' && block.params[0] && isPath(block.params[0]) && !block.params[0].data)
        block.params[0] = tracked('__series', block.params[0])
      if (block.program) checkAndRewrite(name, block.program)
      if (block.inverse) checkAndRewrite(name, block.inverse)
      return
    }
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement
      if (!mustache.escaped)
        fail(name, node, 'raw output ({{{ }}} or {{& }}) is not allowed; values are always escaped')
      if (!isPath(mustache.path)) fail(name, node, 'a mustache must name a value or a helper')
      const head = mustache.path
      checkAndRewrite(name, head)
      for (const param of mustache.params) checkAndRewrite(name, param)
      const isHelperCall = mustache.params.length > 0 || mustache.hash?.pairs.length > 0
      if (isHelperCall) {
        if (!VALUE_HELPERS.has(head.original)) fail(name, node, `unknown helper "${head.original}"`)
        if (FORMAT_HELPERS.has(head.original)) mustache.params = mustache.params.map(trackedParam)
        return
      }
      if (VALUE_HELPERS.has(head.original) || BLOCK_HELPERS.has(head.original)) {
        fail(name, node, `helper "${head.original}" needs a value`)
      }
      if (head.data) return
      mustache.params = [head, literal(displayPath(head))]
      mustache.path = { ...head, parts: ['__value'], original: '__value', depth: 0 }
      return
    }
    default:
      return
  }
}

const KNOWN_HELPERS = Object.fromEntries(
  [...VALUE_HELPERS, ...BLOCK_HELPERS, '__value', '__param', '__series'].map((helper) => [helper, true]),
)

/** What the parser's message says, in a line: an unclosed block at the end, or what it expected. */
function syntaxProblem(message: string): string {
  const lines = message.split('\n')
  const expecting = lines.find((line) => line.startsWith('Expecting'))
  if (expecting?.endsWith("got 'EOF'")) return 'syntax error: a block is still open where the template ends'
  const first = lines[0]!.replace(/^Parse error on line \d+:\s*/, '')
  return `syntax error: ${first || expecting || 'the template does not parse'}`
}

/** Compiles a template now, so that every error surfaces when it is loaded, not when a CSM opens it. */
export function compileTemplate(name: string, source: string): CompiledTemplate {
  if (source.length > MAX_TEMPLATE_CHARS) {
    throw new TemplateError(name, `is ${source.length} characters; templates may have at most ${MAX_TEMPLATE_CHARS}`)
  }
  let ast: hbs.AST.Program
  try {
    ast = env.parse(contractSyntax(source))
  } catch (error) {
    const e = error as Error & { lineNumber?: number; column?: number }
    const line = e.lineNumber ?? (Number(/line (\d+)/.exec(e.message)?.[1]) || null)
    throw new TemplateError(name, syntaxProblem(e.message), line || null, e.column ?? null)
  }
  checkAndRewrite(name, ast)
  const template = env.compile(ast, { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true })
  const render: CompiledTemplate = (variables) => {
    const missing = new Set<string>()
    const unordered = new Set<string>()
    let output: string
    try {
      output = template(variables, {
        data: { missing, unordered },
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
        helpers: {} as Record<string, HelperDelegate>,
      })
    } catch (error) {
      throw new TemplateError(name, (error as Error).message)
    }
    if (output.length > MAX_OUTPUT_CHARS) {
      throw new TemplateError(name, `rendered ${output.length} characters; the limit is ${MAX_OUTPUT_CHARS}`)
    }
    return { output, missing: [...missing], ...(unordered.size ? { unordered: [...unordered] } : {}) }
  }
  render({}) // Handlebars compiles lazily; this makes compile errors happen now.
  return render
}
