import { DEFINITIONS, type WorkflowDefinition } from '../domain/definitions'
import { isWorkflowType } from '../domain/stages'
import type { PlaybooksTx, PlaybookVersionRow } from '../store/playbooks-tx'
import { TemplateError, type CompiledTemplate, type RenderResult } from '../templates/compile'
import { compileTemplateOf, templateName } from './compile-step'
import type { TemplateLibrary } from '../templates/library'
import type { PlaybookBody } from './types'

/** A workflow's place in its playbook: which playbook (its type) and which version. */
export interface PlaybookRef {
  type: string
  version: number
}

interface Loaded {
  definition: WorkflowDefinition
  templates: Map<string, CompiledTemplate>
}

const key = (type: string, version: number) => `${type}@${version}`

export function definitionOfBody(body: PlaybookBody): WorkflowDefinition {
  return {
    type: body.id,
    ...(body.stage ? { stage: body.stage } : {}),
    title: body.title,
    steps: body.steps.map((step) => ({ ...step, template: templateName(body.id, step.id) })),
  }
}

/** Compiles every step's template; the first that fails throws its TemplateError. */
export function compileBody(body: PlaybookBody): Map<string, CompiledTemplate> {
  return new Map(body.steps.map((step) => [step.id, compileTemplateOf(body.id, step)]))
}

/**
 * The playbook versions workflows run on, compiled once each. A version never changes once
 * published, so an entry is never stale; one another instance published is read on first use.
 * Version 1 of a renewal playbook is what the app ships (what a fresh database is seeded with).
 */
export class PlaybookCatalog {
  private readonly loaded = new Map<string, Loaded>()

  constructor(private readonly library: TemplateLibrary) {}

  /** Reads the versions not yet here. */
  async ensure(tx: Pick<PlaybooksTx, 'playbookVersion'>, refs: Iterable<PlaybookRef>): Promise<void> {
    for (const { type, version } of refs) {
      if (this.loaded.has(key(type, version)) || this.shipped(type, version)) continue
      const row = await tx.playbookVersion(type, version)
      if (row) this.adopt(row)
    }
  }

  adopt(row: PlaybookVersionRow): void {
    // Version 1 of a renewal playbook is the shipped one, already compiled by the library.
    if (this.shipped(row.playbook_id, row.version)) return
    const body = JSON.parse(row.body_json) as PlaybookBody
    this.loaded.set(key(row.playbook_id, row.version), {
      definition: definitionOfBody(body),
      templates: compileBody(body),
    })
  }

  has(type: string, version: number): boolean {
    return this.loaded.has(key(type, version)) || this.shipped(type, version) !== undefined
  }

  /** A version's definition; it must have been read (ensure) unless the app ships it. */
  definition(type: string, version = 1): WorkflowDefinition {
    const found = this.loaded.get(key(type, version))
    if (found) return found.definition
    const shipped = this.shipped(type, version)
    if (shipped) return shipped
    throw new Error(`Playbook ${type} version ${version} is not loaded`)
  }

  /** The step's name, when the version is here (a message names the step it concerns). */
  stepName(type: string, version: number, stepId: string): string | null {
    const found = this.loaded.get(key(type, version))?.definition ?? this.shipped(type, version)
    return found?.steps.find((s) => s.id === stepId)?.name ?? null
  }

  render(type: string, version: number, stepId: string, variables: object): RenderResult {
    const found = this.loaded.get(key(type, version))
    const template = found?.templates.get(stepId)
    if (template) return template(variables)
    const step = this.shipped(type, version)?.steps.find((s) => s.id === stepId)
    if (!step) throw new TemplateError(templateName(type, stepId), `is not loaded (version ${version})`)
    return this.library.render(step.template, variables)
  }

  private shipped(type: string, version: number): WorkflowDefinition | undefined {
    if (version !== 1 || !isWorkflowType(type)) return undefined
    return DEFINITIONS.get(type)
  }
}
