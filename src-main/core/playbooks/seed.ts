import { DEFINITIONS } from '../domain/definitions'
import type { Tx } from '../store/db'
import type { TemplateLibrary } from '../templates/library'
import type { PlaybookBody } from './types'

/** The nine renewal playbooks as the app ships them: their version 1. */
export function shippedPlaybooks(library: TemplateLibrary): PlaybookBody[] {
  return [...DEFINITIONS.values()].map((def) => ({
    id: def.type,
    name: `${def.stage} renewal`,
    kind: 'renewal',
    stage: def.stage,
    title: def.title,
    steps: def.steps.map(({ template, ...step }) => ({ ...step, template: library.source(template) })),
  }))
}

/** A database without playbooks gets the shipped ones as version 1; one that has them keeps them. */
export async function seedPlaybooks(tx: Tx, library: TemplateLibrary, at: string): Promise<void> {
  for (const body of shippedPlaybooks(library)) {
    const row = { id: body.id, kind: 'renewal' as const, published_version: 1, draft_json: null }
    if (!(await tx.insertPlaybook({ ...row, updated_at: at, updated_by: null }))) continue
    await tx.insertPlaybookVersion({
      playbook_id: body.id,
      version: 1,
      body_json: JSON.stringify(body),
      published_at: at,
      published_by: 'CSM Desk',
      note: 'As shipped',
    })
  }
}
