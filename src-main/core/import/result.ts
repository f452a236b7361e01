import type { PlanReport } from '../planner/planner'
import type { RowError } from './accounts'

export type ImportKind = 'accounts' | 'contacts' | 'book'
export const IMPORT_KINDS: readonly ImportKind[] = ['accounts', 'contacts', 'book']

/** An account as an import would store it: the preview's rows. */
export interface PreviewRow {
  line: number
  externalId: string
  name: string
  domain: string
  arr: number
  renewalDate: string
  owner: string
  accountPlan: string | null
  status: string
  change: 'created' | 'updated' | 'unchanged'
}

export interface ImportResult {
  success: boolean
  dryRun: boolean
  kind: ImportKind
  /** Data rows read (lines for a book), without the header and empty lines. */
  rows: number
  created: number
  updated: number
  unchanged: number
  /** Rows with errors, which are not written. */
  skipped: number
  ignoredColumns: string[]
  /** The first 1,000 errors; errorCount counts them all. */
  errors: RowError[]
  errorCount: number
  workflows: PlanReport
  /** The first rows as they would be stored (additive). */
  preview: PreviewRow[]
}

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
  }
}

export function addError(result: ImportResult, error: RowError): void {
  result.errorCount++
  if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push(error)
}
