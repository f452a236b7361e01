import type { ApiEnv } from '../api/env'
import type { Hono } from 'hono'
import { validationError, type FieldErrors } from '../api/bodies'
import { ApiError } from '../api/errors'
import { runImport, type ImportOptions } from './importer'
import type { Source } from './read'
import { IMPORT_KINDS, type ImportKind } from './result'
import { DATE_FORMATS, type DateFormat } from './values'
import type { Clock } from '../clock'
import type { Db } from '../store/db'

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
const CHUNK = 64 * 1024

export interface ImportDeps {
  db: Db
  clock: Clock
}

/** The query of POST /api/admin/import, checked: a wrong value is a 400 naming it. */
export function importOptions(query: (name: string) => string | undefined): Omit<ImportOptions, 'onProgress'> {
  const fields: FieldErrors = {}
  const choice = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
    const value = query(name)
    if (value === undefined || value === '') return fallback
    if ((choices as readonly string[]).includes(value)) return value as T
    fields[name] = `must be one of ${choices.join(', ')}`
    return fallback
  }
  const flag = (name: string) => choice(name, ['true', 'false'], 'false') === 'true'
  const options = {
    kind: choice<ImportKind>('kind', IMPORT_KINDS, 'accounts'),
    dryRun: flag('dryRun'),
    skipInvalid: flag('skipInvalid'),
    dateFormat: choice<DateFormat>('dateFormat', DATE_FORMATS, 'MDY'),
  }
  if (Object.keys(fields).length) throw validationError(fields)
  return options
}

/**
 * POST /api/admin/import: an admin's file in the body; the result, or a 400 with it when the
 * file has errors. The admin routes check the role first, and send it to the team server from
 * a desk that follows one.
 */
export function addImportRoutes(api: Hono<ApiEnv>, deps: ImportDeps): void {
  // Its body limit (50 MB) is the app's, set with every other route's.
  api.post('/admin/import', async (c) => {
    const options = importOptions((name) => c.req.query(name))
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const source: Source = async function* () {
      for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK)
    }
    const result = await runImport(deps.db, deps.clock, source, { ...options, actor: c.var.user })
    if (!result.success) {
      const problem = result.errorCount === 1 ? '1 error' : `${result.errorCount.toLocaleString('en-US')} errors`
      throw new ApiError('VALIDATION_ERROR', `The file has ${problem}; nothing was imported`, { ...result })
    }
    return c.json(result)
  })
}
