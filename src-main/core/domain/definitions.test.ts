import { describe, expect, it } from 'vitest'
import { STAGES, infoOfStage } from './stages'
import { DEFINITIONS, definitionOf } from './definitions'

describe('workflow definitions', () => {
  it('has one definition per renewal stage, each with real steps', () => {
    expect(DEFINITIONS.size).toBe(STAGES.length)
    for (const stage of STAGES) {
      const def = definitionOf(infoOfStage(stage).workflowType)
      expect(def.stage).toBe(stage)
      expect(def.steps.length).toBeGreaterThanOrEqual(3)
      for (const step of def.steps) {
        expect(step.template).toBe(`${def.type}/${step.id}.hbs`)
        expect(step.outputs.decision.options.length).toBeGreaterThan(0)
      }
    }
  })

  it('refuses an unknown type', () => {
    expect(() => definitionOf('nope' as never)).toThrow(/Unknown workflow type/)
  })
})
