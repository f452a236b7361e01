import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFINITIONS } from '../domain/definitions'
import { TEMPLATES_DIR } from '../testing'
import { TemplateLibrary } from './library'

function copyOfTemplates(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'csmdesk-templates-')), 'templates')
  cpSync(TEMPLATES_DIR, dir, { recursive: true })
  return dir
}

describe('TemplateLibrary', () => {
  it('has a template for every step of every workflow definition', () => {
    const library = new TemplateLibrary(TEMPLATES_DIR)
    const steps = [...DEFINITIONS.values()].flatMap((def) => def.steps.map((s) => s.template))
    expect(library.names().sort()).toEqual(steps.sort())
  })

  it('refuses to start when a step has no template, naming it', () => {
    const dir = copyOfTemplates()
    rmSync(join(dir, 'emergency-renewal/executive-outreach.hbs'))
    expect(() => new TemplateLibrary(dir)).toThrow(/emergency-renewal\/executive-outreach\.hbs.*missing/)
  })

  it('refuses to start when a template has an error, naming template and line', () => {
    const dir = copyOfTemplates()
    writeFileSync(join(dir, 'monitor-renewal/health-check.hbs'), 'fine\n{{#if a}}\n{{/unless}}')
    expect(() => new TemplateLibrary(dir)).toThrow(/monitor-renewal\/health-check\.hbs line 2/)
  })

  it('caches previews by source', () => {
    const library = new TemplateLibrary(TEMPLATES_DIR)
    expect(library.preview('{{a}}', { a: 1 })).toEqual({ output: '1', missing: [] })
    expect(library.preview('{{a}}', { a: 2 })).toEqual({ output: '2', missing: [] })
  })
})
