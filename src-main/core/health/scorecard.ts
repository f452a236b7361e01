import { z } from 'zod'
import { validationError } from '../api/bodies'
import { DEFAULT_BANDS } from './score'
import { HEALTH_SOURCES, VALUE_SOURCES, type Scorecard } from './types'

/** Until an admin saves one: the imported health score alone, so an imported book reads as it came. */
export const DEFAULT_SCORECARD: Scorecard = {
  version: 1,
  measures: [
    {
      id: 'imported-health',
      label: 'Imported health score',
      source: 'intelligence.importedHealth',
      weight: 100,
      scale: { kind: 'linear', from: { value: 0, points: 0 }, to: { value: 100, points: 100 } },
    },
  ],
  bands: DEFAULT_BANDS,
}

const points = z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100')
const value = z.number().refine(Number.isFinite, 'must be a number')
const scale = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linear'),
    from: z.strictObject({ value, points }),
    to: z.strictObject({ value, points }),
  }),
  z.strictObject({
    kind: z.literal('steps'),
    steps: z
      .array(z.strictObject({ upTo: value, points }))
      .min(1, 'needs at least one step')
      .max(20),
  }),
  z.strictObject({
    kind: z.literal('values'),
    values: z
      .array(z.strictObject({ value: z.union([z.string().trim().toLowerCase().min(1).max(50), z.boolean()]), points }))
      .min(1, 'needs at least one value')
      .max(20),
  }),
])
const measure = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'must be lowercase letters, digits and dashes'),
  label: z.string().trim().min(1, 'must not be empty').max(100),
  source: z.enum(HEALTH_SOURCES, { message: `must be one of ${HEALTH_SOURCES.join(', ')}` }),
  weight: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100),
  scale,
})
const body = z.strictObject({
  version: z.number().int().optional(),
  measures: z.array(measure).min(1, 'needs at least one measure').max(20, 'may have at most 20 measures'),
  bands: z.strictObject({
    red: z.number().int('must be a whole number').min(0).max(100),
    yellow: z.number().int('must be a whole number').min(0).max(100),
  }),
})

/**
 * A scorecard as an admin sent it, checked: every field that is wrong is named (400), with the
 * rules the schema cannot say (weights sum to 100, scales that fit their source, bands in order).
 */
export function parseScorecard(raw: unknown): Omit<Scorecard, 'version'> {
  const parsed = body.safeParse(raw)
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) {
      const path = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
      fields[path || 'body'] ??= issue.message
    }
    throw validationError(fields)
  }
  const { measures, bands } = parsed.data
  const fields: Record<string, string> = {}
  const sum = measures.reduce((total, m) => total + m.weight, 0)
  if (sum !== 100) fields.measures = `weights must sum to 100 (they sum to ${sum})`
  const seen = new Set<string>()
  measures.forEach((m, i) => {
    const at = `measures[${i}]`
    if (seen.has(m.id)) fields[`${at}.id`] = `is used twice (${m.id})`
    seen.add(m.id)
    const wordy = VALUE_SOURCES.includes(m.source)
    if (wordy && m.scale.kind !== 'values') fields[`${at}.scale.kind`] = `must be "values" for ${m.source}`
    if (!wordy && m.scale.kind === 'values') fields[`${at}.scale.kind`] = `must be "linear" or "steps" for ${m.source}`
    if (m.scale.kind === 'linear' && m.scale.from.value === m.scale.to.value)
      fields[`${at}.scale.to.value`] = 'must differ from scale.from.value'
    if (m.scale.kind === 'steps') {
      const { steps } = m.scale
      if (steps.some((s, j) => j > 0 && s.upTo <= steps[j - 1]!.upTo))
        fields[`${at}.scale.steps`] = 'upTo must rise from step to step'
    }
    if (m.scale.kind === 'values' && new Set(m.scale.values.map((v) => v.value)).size !== m.scale.values.length)
      fields[`${at}.scale.values`] = 'names a value twice'
  })
  if (bands.red >= bands.yellow) fields['bands.red'] = 'must be below bands.yellow'
  if (Object.keys(fields).length) throw validationError(fields)
  return { measures, bands }
}
