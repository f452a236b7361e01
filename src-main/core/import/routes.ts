import type { ApiEnv } from '../api/env'
import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
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
  /** Whether this host owns its data; a desk that follows a team server imports there. */
  ownsData: () => boolean
  /** Sends the import to the team server this desk follows (path with its query). */
  forward?: (path: string, file: Uint8Array) => Promise<{ status: number; body: unknown }>
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

/** POST /api/admin/import: an admin's file in the body; the result, or a 400 with it when the file has errors. */
export function addImportRoutes(api: Hono<ApiEnv>, deps: ImportDeps): void {
  api.post(
    '/admin/import',
    async (c, next) => {
      if (c.var.user.role !== 'admin') throw new ApiError('FORBIDDEN', 'Only admins can import a book of business')
      await next()
    },
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ApiError('VALIDATION_ERROR', 'The file is larger than 50 MB; split it and import each part', {
          fields: { body: 'is larger than 50 MB' },
        })
      },
    }),
    async (c) => {
      const options = importOptions((name) => c.req.query(name))
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      // A desk that follows a team server holds the server's data: the import runs there, and
      // the desk takes the new accounts' workflows at its next pull.
      if (!deps.ownsData()) {
        if (!deps.forward) throw new ApiError('SYNC_NOT_CONFIGURED', 'This host imports on its team server')
        const answer = await deps.forward(`/admin/import${new URL(c.req.url).search}`, bytes)
        return c.json(answer.body as object, answer.status as 200)
      }
      const source: Source = async function* () {
        for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK)
      }
      const result = await runImport(deps.db, deps.clock, source, options)
      if (!result.success) {
        const problem = result.errorCount === 1 ? '1 error' : `${result.errorCount.toLocaleString('en-US')} errors`
        throw new ApiError('VALIDATION_ERROR', `The file has ${problem}; nothing was imported`, { ...result })
      }
      return c.json(result)
    },
  )
}
