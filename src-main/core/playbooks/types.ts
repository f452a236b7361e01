import { z } from 'zod'
import { outputsSchema } from '../domain/definitions'
import { STAGES, type Stage } from '../domain/stages'
import { MAX_TEMPLATE_CHARS } from '../templates/limits'

export const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]{1,62}$/
const MAX_STEPS = 30

const stepBody = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  estimatedMinutes: z.number().int().min(1).max(480),
  skippable: z.boolean(),
  skipReasons: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  outputs: outputsSchema,
  /** The step's Handlebars source. */
  template: z.string().min(1, 'is empty').max(MAX_TEMPLATE_CHARS),
})

/** A playbook as every client reads and writes it: the definition with each step's template source. */
export const playbookBody = z
  .strictObject({
    id: z.string().regex(PLAYBOOK_ID, 'lowercase letters, digits and dashes, 2 to 63 of them'),
    name: z.string().trim().min(1).max(120),
    kind: z.enum(['renewal', 'custom']),
    stage: z.enum(STAGES).optional(),
    title: z.string().trim().min(1).max(200),
    steps: z.array(stepBody).min(1, 'needs at least one step').max(MAX_STEPS),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>()
    body.steps.forEach((step, i) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `repeats ${step.id}` })
      seen.add(step.id)
      const values = step.outputs.decision.options.map((o) => o.value)
      if (new Set(values).size !== values.length)
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'outputs', 'decision'], message: 'repeats an option' })
    })
    if (body.kind === 'renewal' && !body.stage)
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'is required for a renewal playbook' })
    if (body.kind === 'custom' && body.stage)
      ctx.addIssue({ code: 'custom', path: ['stage'], message: 'belongs to renewal playbooks only' })
  })

export type PlaybookBody = z.infer<typeof playbookBody>
export type PlaybookStep = PlaybookBody['steps'][number]

export interface PlaybookSummary {
  id: string
  name: string
  kind: 'renewal' | 'custom'
  stage?: Stage
  publishedVersion: number | null
  hasDraft: boolean
  updatedAt: string
}

export interface PlaybookVersionInfo {
  version: number
  publishedAt: string
  publishedBy: string
  note: string
}

export interface PlaybookResponse {
  success: true
  published: PlaybookBody | null
  draft: PlaybookBody | null
  versions: PlaybookVersionInfo[]
}

/** One thing a check found: where (step, line, path), what, and the first workflow it fails on. */
export interface CheckProblem {
  stepId: string | null
  kind: 'template' | 'missing' | 'unknown-path' | 'unordered' | 'option-removed'
  message: string
  line: number | null
  path: string | null
  workflowId: string | null
}

export interface CheckResponse {
  success: true
  ok: boolean
  problems: CheckProblem[]
  /** Workflows rendered (the book and the sparse book) and templates rendered. */
  workflows: number
  renders: number
}

/** A published playbook a CSM can start on an account (the ones the team made). */
export interface StartablePlaybook {
  id: string
  name: string
  title: string
  version: number
  steps: number
  estimatedMinutes: number
}

/** One step of a draft rendered for a real workflow, or why it does not render. */
export interface PreviewStep {
  id: string
  name: string
  html: string | null
  missing: string[]
  error: { message: string; line: number | null } | null
}

export interface StartPlaybookResponse {
  success: true
  workflow: {
    id: string
    type: string
    playbookVersion: number
    status: 'pending'
    customerId: string
    assigneeId: string
    dueDate: string
    note: string | null
  }
}

/** The playbook the planner starts in a renewal stage, and the stage's own. */
export interface StagePlaybook {
  stage: Stage
  playbookId: string
  ownPlaybookId: string
}
