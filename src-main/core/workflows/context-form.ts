import type { ContextStep } from '../api/types'
import type { StepDefinition, WorkflowDefinition } from '../domain/definitions'
import { formatMinutes } from '../domain/progression'
import type { StepResultRow } from '../store/rows'
import { recordedStep } from './rules'

/**
 * How a context is built: as the API answers it (`FULL_CONTEXT`), or as another reader takes it
 * (a desk's book: see book/).
 */
export interface ContextForm<Step> {
  /** A JSON column's value (data, insights, recommendations) as the context carries it. */
  json(text: string): any // eslint-disable-line @typescript-eslint/no-explicit-any -- the columns' shapes are the API's
  steps(
    def: WorkflowDefinition,
    results: readonly StepResultRow[],
    current: StepDefinition | null,
    inProgress: boolean,
  ): Step[]
}

/** The context the API answers: JSON columns parsed, each step whole with its state and result. */
export const FULL_CONTEXT: ContextForm<ContextStep> = {
  json: (text) => JSON.parse(text),
  steps: (def, results, current, inProgress) =>
    def.steps.map((step, index): ContextStep => {
      const result = results[index]
      return {
        ...step,
        estimatedTime: formatMinutes(step.estimatedMinutes),
        state: result
          ? result.status === 'completed'
            ? 'done'
            : 'skipped'
          : step === current && inProgress
            ? 'current'
            : 'upcoming',
        result: result ? recordedStep(result) : null,
      }
    }),
}
