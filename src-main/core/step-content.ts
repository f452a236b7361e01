import { z } from 'zod'
import { isoDay, type Clock } from './clock'
import type { User } from './api/auth'
import { parseBody } from './api/bodies'
import { ApiError } from './api/errors'
import { TemplateError } from './templates/compile'
import type { TemplateLibrary } from './templates/library'
import { templateVariables, type TemplateVariables } from './templates/variables'
import type { Workflows } from './workflows'

export interface StepContentResponse {
  success: true
  stepId: string
  title: string
  html: string
  missing: string[]
}

export interface PreviewResponse {
  success: true
  output: string
  missing: string[]
}

const previewBody = z.strictObject({ template: z.string().max(50_000) })

/** A step's content, rendered from its template over the workflow's context. */
export class StepContent {
  constructor(
    private readonly workflows: Workflows,
    private readonly library: TemplateLibrary,
    private readonly clock: Clock,
  ) {}

  private async variables(user: User, workflowId: string): Promise<TemplateVariables> {
    const context = await this.workflows.context(user, workflowId)
    return templateVariables(context, context.workflow.assignee, isoDay(this.clock.now()))
  }

  async content(user: User, workflowId: string, stepId: string): Promise<StepContentResponse> {
    const variables = await this.variables(user, workflowId)
    const step = variables.workflow.steps.find((s) => s.id === stepId)
    if (!step) {
      throw new ApiError('INVALID_STEP', `Step ${stepId} is not part of a ${variables.workflow.type} workflow`, {
        stepId,
        validSteps: variables.workflow.steps.map((s) => s.id),
      })
    }
    const { workflow } = variables
    const { output, missing } = this.workflows.playbooks.render(
      workflow.type,
      workflow.playbookVersion ?? 1,
      stepId,
      variables,
    )
    return { success: true, stepId, title: step.name, html: output, missing }
  }

  async preview(user: User, workflowId: string, rawBody: unknown): Promise<PreviewResponse> {
    if (user.role !== 'admin') {
      throw new ApiError('FORBIDDEN', 'Only admins can preview templates', { workflowId })
    }
    const { template } = parseBody(previewBody, rawBody)
    const variables = await this.variables(user, workflowId)
    try {
      const { output, missing } = this.library.preview(template, variables)
      return { success: true, output, missing }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      throw new ApiError('VALIDATION_ERROR', `The template has an error: ${error.message}`, {
        fields: { template: error.problem },
        line: error.line,
        column: error.column,
      })
    }
  }
}
