/**
 * The shapes of an import's answer, plain types only: the renderer's Import screen reads them too.
 */
export type ImportKind = 'accounts' | 'contacts' | 'book'
export const IMPORT_KINDS: readonly ImportKind[] = ['accounts', 'contacts', 'book']

export type DateFormat = 'MDY' | 'DMY' | 'YMD'
export const DATE_FORMATS: readonly DateFormat[] = ['MDY', 'DMY', 'YMD']

/** A problem of one cell (or row, or the file): `line` is the file's, the header being line 1. */
export interface RowError {
  line: number
  column: string
  value: string | null
  message: string
}

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
  /** What the renewal planner did (or would do) after the import. */
  workflows: { created: number; updated: number; closed: number }
  /** The first rows as they would be stored (additive). */
  preview: PreviewRow[]
  /** Renewals the file closed: dates moved forward (renewed) and accounts now churned (additive). */
  renewals: { renewed: number; churned: number }
}
