/**
 * npm run import -- --db <SQLite file | postgres:// URL> --file <path> [--kind accounts|contacts|book]
 *   [--dry-run] [--skip-invalid] [--date-format MDY|DMY|YMD] [--json]
 * Exit codes: 0 written (or a clean dry run), 1 the file has errors (nothing written), 2 usage.
 */
import { createReadStream, existsSync } from 'node:fs'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { clockFromEnv } from '../core/clock'
import { runImport } from '../core/import/importer'
import { IMPORT_KINDS, type ImportKind, type ImportResult } from '../core/import/result'
import { DATE_FORMATS, type DateFormat } from '../core/import/values'
import { openDb } from '../core/store/open'
import { SqliteDb } from '../core/store/sqlite-db'

const USAGE =
  'Usage: npm run import -- --db <SQLite file | postgres:// URL> --file <path> [--kind accounts|contacts|book] [--dry-run] [--skip-invalid] [--date-format MDY|DMY|YMD] [--json]'

export async function main(argv: string[], out = console.log, err = console.error): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        file: { type: 'string' },
        kind: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
        'date-format': { type: 'string', default: 'MDY' },
        json: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const file = values.file
  const ext = extname(file ?? '').toLowerCase()
  const kind = values.kind ?? (ext === '.ndjson' || ext === '.jsonl' ? 'book' : 'accounts')
  const problems = [
    !values.db && '--db is required',
    !file && '--file is required',
    file && !existsSync(file) && `--file ${file} does not exist`,
    !IMPORT_KINDS.includes(kind as ImportKind) && `--kind must be one of ${IMPORT_KINDS.join(', ')}`,
    !DATE_FORMATS.includes(values['date-format'] as DateFormat) &&
      `--date-format must be one of ${DATE_FORMATS.join(', ')}`,
  ].filter(Boolean)
  if (problems.length) {
    err(`${problems.join('\n')}\n${USAGE}`)
    return 2
  }
  const db = await openDb(values.db!)
  try {
    if (db instanceof SqliteDb && db.store.syncValue('serverUrl')) {
      err('This database follows a team server: import into the team server instead.')
      return 2
    }
    const progress = !values.json && process.stderr.isTTY
    const result = await runImport(db, clockFromEnv(), () => createReadStream(file!), {
      kind: kind as ImportKind,
      dryRun: values['dry-run'],
      skipInvalid: values['skip-invalid'],
      dateFormat: values['date-format'] as DateFormat,
      onProgress: progress ? (rows) => process.stderr.write(`\r${rows.toLocaleString('en-US')} rows read…`) : undefined,
    })
    if (progress) process.stderr.write('\r')
    if (values.json) out(JSON.stringify(result, null, 2))
    else report(result, file!, out, err)
    return result.success ? 0 : 1
  } finally {
    await db.close()
  }
}

function report(result: ImportResult, file: string, out: (line: string) => void, err: (line: string) => void): void {
  const n = (value: number) => value.toLocaleString('en-US')
  for (const e of result.errors.slice(0, 20)) {
    err(`line ${e.line}, ${e.column}${e.value === null ? '' : ` (${JSON.stringify(e.value)})`}: ${e.message}`)
  }
  if (result.errorCount > 20) err(`… and ${n(result.errorCount - 20)} more errors (--json lists the first 1,000)`)
  const verb = !result.success ? 'Not imported' : result.dryRun ? 'Dry run, nothing written' : 'Imported'
  out(
    `${verb}: ${file} (${result.kind}): ${n(result.rows)} rows, ${n(result.created)} created, ${n(result.updated)} updated, ` +
      `${n(result.unchanged)} unchanged, ${n(result.skipped)} skipped, ${n(result.errorCount)} errors`,
  )
  const w = result.workflows
  out(`Renewal workflows: ${n(w.created)} created, ${n(w.updated)} updated, ${n(w.closed)} closed`)
  if (result.ignoredColumns.length) out(`Ignored columns: ${result.ignoredColumns.join(', ')}`)
  if (!result.success && result.errorCount)
    out('Fix the errors, or import with --skip-invalid to write the other rows.')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2))
}
