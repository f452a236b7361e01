import Handlebars from 'handlebars'
import { contractSyntax } from './compile'

export interface UsedPath {
  /** As the contract writes it: `customer.owner.name`, `intelligence.insights[0].message`. */
  path: string
  line: number | null
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation }

const isPath = (node: hbs.AST.Node): node is hbs.AST.PathExpression => node.type === 'PathExpression'

const shown = (parts: readonly string[]) =>
  parts.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), '')

/**
 * The context paths a template reads from its top level (inside #each and #with, paths are
 * relative to the item and are left out). The template must parse; compileTemplate says why not.
 */
export function pathsOf(source: string): UsedPath[] {
  const found: UsedPath[] = []
  const add = (node: hbs.AST.Expression) => {
    if (!isPath(node) || node.data || node.depth > 0 || node.original === 'this' || !node.parts.length) return
    found.push({ path: shown(node.parts), line: (node as Node).loc?.start.line ?? null })
  }
  const expressions = (list: readonly hbs.AST.Expression[], hash?: hbs.AST.Hash) => {
    for (const param of list) visit(param)
    for (const pair of hash?.pairs ?? []) visit(pair.value)
  }
  const visit = (node: hbs.AST.Node) => {
    switch (node.type) {
      case 'Program':
        for (const child of (node as hbs.AST.Program).body) visit(child)
        return
      case 'PathExpression':
        return add(node as hbs.AST.PathExpression)
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression
        return expressions(sub.params, sub.hash)
      }
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement
        if (mustache.params.length || mustache.hash?.pairs.length) expressions(mustache.params, mustache.hash)
        else visit(mustache.path)
        return
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement
        expressions(block.params, block.hash)
        const head = (block.path as hbs.AST.PathExpression).original
        // #each and #with change what a bare path means inside; #if and #unless do not.
        if (head === 'if' || head === 'unless') {
          if (block.program) visit(block.program)
        }
        if (block.inverse) visit(block.inverse)
        return
      }
      default:
        return
    }
  }
  visit(Handlebars.parse(contractSyntax(source)))
  return found
}
