import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DEFINITIONS } from '../domain/definitions'
import { TemplateError, compileTemplate, type CompiledTemplate, type RenderResult } from './compile'

/**
 * Every step template, compiled once when the app starts: a template with an error, or a step
 * without a template, stops the start with a message naming it.
 */
export class TemplateLibrary {
  private readonly compiled = new Map<string, CompiledTemplate>()
  private readonly previews = new Map<string, CompiledTemplate>()
  private readonly sources = new Map<string, string>()

  constructor(readonly dir: string) {
    for (const type of readdirSync(dir, { withFileTypes: true })) {
      if (!type.isDirectory()) continue
      for (const file of readdirSync(join(dir, type.name))) {
        if (!file.endsWith('.hbs')) continue
        const name = `${type.name}/${file}`
        this.sources.set(name, readFileSync(join(dir, name), 'utf8'))
        this.compiled.set(name, compileTemplate(name, this.sources.get(name)!))
      }
    }
    for (const def of DEFINITIONS.values()) {
      for (const step of def.steps) {
        if (!this.compiled.has(step.template)) {
          throw new TemplateError(step.template, `is missing: step ${step.id} of ${def.type} needs it in ${dir}`)
        }
      }
    }
  }

  /** A template's source as the app ships it (a playbook's first version carries it). */
  source(name: string): string {
    const source = this.sources.get(name)
    if (source === undefined) throw new TemplateError(name, 'is not loaded')
    return source
  }

  names(): string[] {
    return [...this.compiled.keys()]
  }

  render(name: string, variables: object): RenderResult {
    const template = this.compiled.get(name)
    if (!template) throw new TemplateError(name, 'is not loaded')
    return template(variables)
  }

  /** Renders a template's source given by an author; compiled templates are cached by source. */
  preview(source: string, variables: object): RenderResult {
    let template = this.previews.get(source)
    if (!template) {
      template = compileTemplate('preview', source)
      if (this.previews.size >= 100) this.previews.clear()
      this.previews.set(source, template)
    }
    return template(variables)
  }
}
