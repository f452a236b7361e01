import { describe, expect, it } from 'vitest'
import { ApiError } from './api/errors'
import { apiDocVariables, demoUser, testCore } from './testing'

const sarah = demoUser('csm-456')
const admin = demoUser('admin-1')

const core = () => testCore()

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('rendering over a workflow context', () => {
  it("renders every path of the contract's Variable Injection Reference to its example value", async () => {
    const c = await core()
    const variables = apiDocVariables()
    expect(variables.length).toBeGreaterThanOrEqual(31)
    for (const { path, example } of variables) {
      const mustache = `{{${path}}}`
      const { output, missing } = await c.content.preview(admin, 'wf-12345', { template: mustache })
      expect(missing, mustache).toEqual([])
      if (example !== undefined) expect(output, mustache).toBe(example)
      else expect(output.length, mustache).toBeGreaterThan(10) // "Full text", "First insight"
    }
  })

  it("lets later steps read earlier steps' outputs, the CSM and today", async () => {
    const c = await core()
    await c.workflows.start(sarah, 'wf-12345', { csmId: 'csm-456' })
    await c.workflows.completeStep(sarah, 'wf-12345', 'analyze-arr-performance', {
      duration: 600,
      outputs: {
        decision: 'escalate',
        notes: 'Revenue is <shrinking>',
        tags: ['at-risk'],
        customData: { arrGrowthRate: -0.1 },
      },
    })
    const template =
      '{{steps.analyze-arr-performance.decision}} | {{steps.analyze-arr-performance.notes}} | ' +
      '{{join steps.analyze-arr-performance.tags}} | {{percent steps.analyze-arr-performance.customData.arrGrowthRate}} | ' +
      '{{csm.name}} | {{today}}'
    expect(await c.content.preview(admin, 'wf-12345', { template })).toEqual({
      success: true,
      output: 'escalate | Revenue is &lt;shrinking&gt; | at-risk | -10% | Sarah Johnson | 2025-12-28',
      missing: [],
    })
    const next = await c.content.content(sarah, 'wf-12345', 'review-health-indicators')
    expect(next.html.replace(/\s+/g, ' ')).toContain('Your ARR read: <em>escalate</em>')
  })
})

describe('GET step content', () => {
  it('renders the step template for the assigned CSM, with no missing values', async () => {
    const result = await (await core()).content.content(sarah, 'wf-12345', 'analyze-arr-performance')
    expect(result).toMatchObject({
      success: true,
      stepId: 'analyze-arr-performance',
      title: 'Analyze ARR Performance',
      missing: [],
    })
    expect(result.html).toContain('Acme Corporation renews in 3 days (Dec 31, 2025)')
    expect(result.html).toContain('$500,000')
  })

  it('follows the context rules: other CSMs are refused, admins may read, unknown ids say so', async () => {
    const c = await core()
    expect((await apiError(c.content.content(demoUser('csm-101'), 'wf-12345', 'analyze-arr-performance'))).code).toBe(
      'FORBIDDEN',
    )
    expect((await c.content.content(admin, 'wf-12345', 'analyze-arr-performance')).success).toBe(true)
    expect((await apiError(c.content.content(sarah, 'wf-nope', 'analyze-arr-performance'))).code).toBe(
      'WORKFLOW_NOT_FOUND',
    )
    expect((await apiError(c.content.content(sarah, 'wf-12345', 'nope'))).code).toBe('INVALID_STEP')
  })
})

describe('POST render (template preview)', () => {
  it('is for admins only', async () => {
    expect((await apiError((await core()).content.preview(sarah, 'wf-12345', { template: 'x' }))).code).toBe(
      'FORBIDDEN',
    )
  })

  it('answers a template error with 400 VALIDATION_ERROR saying where', async () => {
    const error = await apiError(
      (await core()).content.preview(admin, 'wf-12345', { template: 'a\n\n{{#if x}}{{/each}}' }),
    )
    expect(error.status).toBe(400)
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.details).toMatchObject({ line: 3, fields: { template: expect.any(String) } })
  })

  it('validates its body', async () => {
    const c = await core()
    expect((await apiError(c.content.preview(admin, 'wf-12345', {}))).details).toEqual({
      fields: { template: expect.any(String) },
    })
    expect((await apiError(c.content.preview(admin, 'wf-12345', { template: 'x'.repeat(50_001) }))).code).toBe(
      'VALIDATION_ERROR',
    )
  })
})
