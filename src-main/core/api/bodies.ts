import type { Context } from 'hono'
import { z } from 'zod'
import { ApiError } from './errors'

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2025-10-07T14:00:00Z' })
const isoDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' })
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max)
const email = z.email({ message: 'must be an email address' })

const artifact = z.strictObject({
  id: text(200),
  type: text(50),
  title: text(500),
  content: z.record(z.string(), z.unknown()).optional(),
  generatedBy: z.enum(['ai', 'csm', 'system']).optional(),
})

const nextAction = z.strictObject({
  type: z.enum(['task', 'reminder', 'email', 'call', 'meeting']),
  description: text(1000),
  dueDate: isoDate.optional(),
  priority: z.enum(['high', 'medium', 'low']).optional(),
})

export const startBody = z.strictObject({
  csmId: text(200),
  startedAt: isoTime.optional(),
  /** The type the CSM began on, sent by a desk: it wins over a retype nothing has acted on. */
  type: text(100).optional(),
  /** The playbook version the CSM began on, sent by a desk: kept like the type. */
  version: z.number().int().min(1).max(1_000_000).optional(),
})

export const stepOutputs = z.strictObject({
  decision: text(100).optional(),
  notes: z.string().max(20_000).optional(),
  tags: z.array(text(60)).max(30).optional(),
  artifacts: z.array(artifact).max(50).optional(),
  nextActions: z.array(nextAction).max(50).optional(),
  customData: z
    .record(text(100), z.union([z.string().max(5000), z.number().finite(), z.boolean(), z.null()]))
    .refine((data) => Object.keys(data).length <= 50, 'at most 50 fields')
    .optional(),
})

export const completeStepBody = z.strictObject({
  stepId: text(200).optional(),
  completedAt: isoTime.optional(),
  duration: z
    .number()
    .int('must be whole seconds')
    .min(0)
    .max(7 * 86_400),
  status: z.enum(['completed', 'skipped']).default('completed'),
  /** Why the step was skipped; required when status is "skipped". */
  reason: text(2000).optional(),
  outputs: stepOutputs.default({}),
  completedBy: email.optional(),
})

const workflowStatus = z.enum(['success', 'partial', 'failed'])

export const completeWorkflowBody = z.strictObject({
  completedAt: isoTime.optional(),
  totalDuration: z
    .number()
    .int('must be whole seconds')
    .min(0)
    .max(90 * 86_400),
  status: workflowStatus,
  outcomes: z
    .strictObject({
      status: workflowStatus.optional(),
      nextSteps: z.array(text(1000)).max(50).optional(),
      confidence: z.enum(['high', 'medium', 'low']).optional(),
      notes: z.string().max(20_000).optional(),
      artifacts: z.array(artifact).max(50).optional(),
    })
    .default({}),
  completedBy: email.optional(),
})

export type StartBody = z.infer<typeof startBody>
export type StepOutputs = z.infer<typeof stepOutputs>
export type CompleteStepBody = z.infer<typeof completeStepBody>
export type CompleteWorkflowBody = z.infer<typeof completeWorkflowBody>

/** Field path -> what is wrong with it. */
export type FieldErrors = Record<string, string>

export function validationError(fields: FieldErrors): ApiError {
  const names = Object.keys(fields)
  return new ApiError(
    'VALIDATION_ERROR',
    `Request body validation failed: ${names.map((name) => `${name} ${fields[name]}`).join('; ')}`,
    { fields },
  )
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const fields: FieldErrors = {}
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'is not a known field'
      continue
    }
    const path = issue.path.length ? issue.path.join('.') : 'body'
    fields[path] ??= issue.message.replace(/^Invalid input: /, '')
  }
  throw validationError(fields)
}

/** A request body's text as JSON: undefined when empty, a 400 when it is not JSON or holds a NUL character. */
export function parseJsonText(text: string): unknown {
  if (!text.trim()) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'Request body is not valid JSON', { fields: { body: 'is not valid JSON' } })
  }
  const at = nulPath(value, 'body')
  if (at) throw nulError(at)
  return value
}

/** PostgreSQL refuses NUL in text, and no field of ours needs it: it is a 400 on either engine. */
export function nulError(where: string): ApiError {
  return new ApiError('VALIDATION_ERROR', `${where} contains a NUL character (U+0000)`, {
    fields: { [where]: 'contains a NUL character' },
  })
}

/** The path of the first string (or key) holding U+0000, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}.${i}`)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) return path
      const found = nulPath(item, `${path}.${key}`)
      if (found) return found
    }
  }
  return null
}

/** Sign-in takes JSON only: a web page cannot post a form to it cross-site as a "simple request". */
export async function jsonOnlyText(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send this as JSON (Content-Type: application/json)')
  return c.req.text()
}
