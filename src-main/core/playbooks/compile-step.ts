import { compileTemplate, type CompiledTemplate } from '../templates/compile'
import type { PlaybookStep } from './types'

/** The name a step's template goes by in errors and in a context's steps. */
export const templateName = (playbookId: string, stepId: string) => `${playbookId}/${stepId}.hbs`

export function compileTemplateOf(playbookId: string, step: Pick<PlaybookStep, 'id' | 'template'>): CompiledTemplate {
  return compileTemplate(templateName(playbookId, step.id), step.template)
}
