import type { ImportKind, ImportResult, RowError } from './types'

export * from './types'

export const MAX_LISTED_ERRORS = 1000
export const PREVIEW_ROWS = 20

export function emptyResult(kind: ImportKind, dryRun: boolean): ImportResult {
  return {
    success: false,
    dryRun,
    kind,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    ignoredColumns: [],
    errors: [],
    errorCount: 0,
    workflows: { created: 0, updated: 0, closed: 0 },
    preview: [],
    renewals: { renewed: 0, churned: 0 },
  }
}

export function addError(result: ImportResult, error: RowError): void {
  result.errorCount++
  if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push(error)
}
