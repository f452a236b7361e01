import { z } from 'zod'
import overdue from '../../../resources/workflows/overdue-renewal.json'
import emergency from '../../../resources/workflows/emergency-renewal.json'
import critical from '../../../resources/workflows/critical-renewal.json'
import signature from '../../../resources/workflows/signature-renewal.json'
import finalize from '../../../resources/workflows/finalize-renewal.json'
import negotiate from '../../../resources/workflows/negotiate-renewal.json'
import engage from '../../../resources/workflows/engage-renewal.json'
import prepare from '../../../resources/workflows/prepare-renewal.json'
import monitor from '../../../resources/workflows/monitor-renewal.json'
import { STAGES, type Stage, type WorkflowType, infoOfStage } from './stages'

const option = z.object({ value: z.string().min(1), label: z.string().min(1) })

export const outputsSchema = z.object({
  decision: z.object({ options: z.array(option).min(1), required: z.boolean() }),
  notes: z.object({ required: z.boolean() }),
  tags: z.object({ suggestions: z.array(z.string()) }),
  nextActions: z.boolean(),
  customFields: z.array(
    z.object({
      key: z.string().min(1),
      label: z.string().min(1),
      type: z.enum(['number', 'text', 'select']),
      options: z.array(z.string()).optional(),
    }),
  ),
})

const stepSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  estimatedMinutes: z.number().int().positive(),
  template: z.string().min(1),
  skippable: z.boolean(),
  outputs: outputsSchema,
  /** Reasons offered when the step is skipped (the CSM may still write their own). */
  skipReasons: z.array(z.string().min(1)).optional(),
})

const definitionSchema = z.object({
  type: z.string(),
  stage: z.enum(STAGES),
  title: z.string().min(1),
  steps: z.array(stepSchema).min(1),
})

export type StepDefinition = z.infer<typeof stepSchema>
/** A renewal workflow's definition as the app ships it (version 1 of its playbook). */
export type RenewalDefinition = z.infer<typeof definitionSchema> & { type: WorkflowType }
/** What a workflow runs on: a renewal playbook's version, or a team's own playbook (no stage). */
export interface WorkflowDefinition {
  type: string
  stage?: Stage
  title: string
  steps: StepDefinition[]
}

function load(raw: unknown): RenewalDefinition {
  const def = definitionSchema.parse(raw)
  if (infoOfStage(def.stage).workflowType !== def.type) {
    throw new Error(`Workflow definition ${def.type} does not belong to stage ${def.stage}`)
  }
  const ids = new Set(def.steps.map((s) => s.id))
  if (ids.size !== def.steps.length) throw new Error(`Workflow definition ${def.type} repeats a step id`)
  return def as RenewalDefinition
}

export const DEFINITIONS: ReadonlyMap<WorkflowType, RenewalDefinition> = new Map(
  [overdue, emergency, critical, signature, finalize, negotiate, engage, prepare, monitor].map((raw) => {
    const def = load(raw)
    return [def.type, def] as const
  }),
)

/** A renewal workflow's definition as the app ships it (version 1 of its playbook). */
export function definitionOf(type: string): RenewalDefinition {
  const def = DEFINITIONS.get(type as WorkflowType)
  if (!def) throw new Error(`Unknown workflow type ${type}`)
  return def
}

export function isWorkflowType(value: string): value is WorkflowType {
  return DEFINITIONS.has(value as WorkflowType)
}
