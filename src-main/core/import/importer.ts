import { isoDay, type Clock } from '../clock'
import { planRenewals } from '../planner/planner'
import { rescore } from '../health/health'
import { closedByImport } from '../renewals/outcomes'
import type { ClosingRenewal } from '../store/renewals-tx'
import { audit } from '../team/audit'
import type { Tx, Db } from '../store/db'
import type { CustomerRow } from '../store/rows'
import { OwnerDirectory, readAccount, type AccountInput, type RowError } from './accounts'
import { readBookLine } from './book'
import { readContact, storedContact, type Contact } from './contacts'
import { sameCustomer, toCustomerRow } from './customer-row'
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  REQUIRED_ACCOUNT_FIELDS,
  REQUIRED_CONTACT_FIELDS,
  mapHeaders,
  type HeaderMap,
} from './fields'
import { csvRecords, FileError, ndjsonLines, type Source } from './read'
import { addError, emptyResult, PREVIEW_ROWS, type ImportKind, type ImportResult } from './result'
import type { DateFormat } from './values'

export interface ImportOptions {
  kind: ImportKind
  dryRun: boolean
  skipInvalid: boolean
  dateFormat: DateFormat
  /** Called every 1,000 rows read. */
  onProgress?: (rows: number) => void
  /** Who imports, for the audit trail (the command line is recorded as `npm run import`). */
  actor?: { id: string; email: string }
}

const BATCH = 500

/** Ends the transaction without writing: a dry run, or a file with errors. */
class Rollback extends Error {}

/**
 * Imports a file in one transaction: every row is read and checked, the accounts are written,
 * and the renewal planner runs, all or nothing. A dry run, or a file with errors (unless
 * skipInvalid), writes nothing and answers what the import would do.
 */
export async function runImport(db: Db, clock: Clock, source: Source, options: ImportOptions): Promise<ImportResult> {
  const result = emptyResult(options.kind, options.dryRun)
  try {
    await db.write(
      async (tx) => {
        // Imports run one at a time across the team's servers, so their counts and plans add up.
        await tx.lock('book-import')
        const run = new ImportRun(tx, clock, result, options, new OwnerDirectory(await tx.users()))
        const readable = options.kind === 'contacts' ? await run.contacts(source) : await run.accounts(source)
        const writes = readable && (result.errorCount === 0 || options.skipInvalid)
        // A preview plans on the rows that would be written, errors or not: what "skip and import" would do.
        if (writes || (readable && options.dryRun)) {
          const planned = await planRenewals(tx, clock.now())
          result.workflows.created += planned.created
          result.workflows.updated += planned.updated
          result.workflows.closed += planned.closed
        }
        result.success = writes
        if (options.dryRun || !writes) throw new Rollback()
        const { kind, rows, created, updated, unchanged, skipped, workflows } = result
        await audit(tx, new Date(), options.actor ?? { id: null, email: 'npm run import' }, 'import', {
          details: { kind, rows, created, updated, unchanged, skipped, workflows },
        })
      },
      { longRunning: true },
    )
  } catch (error) {
    if (error instanceof FileError) {
      addError(result, { line: 1, column: '(file)', value: null, message: error.message })
      result.success = false
    } else if (!(error instanceof Rollback)) throw error
  }
  return result
}

class ImportRun {
  /** Each account's first line in the file: a second one is an error. */
  private readonly firstLine = new Map<string, number>()
  /** Users whose queues may show changed accounts: they hear of it once. */
  private readonly notify = new Set<string>()
  /** Where the file keeps account ids: its header, or the book's JSON path. */
  private idColumn = 'external_id'
  /** The file cannot be read at all: no header, or a required column missing. */
  private unreadable = false

  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
    private readonly result: ImportResult,
    private readonly options: ImportOptions,
    private readonly owners: OwnerDirectory,
  ) {}

  /** Writes accounts and scores them at once: no one reads a score from before the file. */
  private async saveAndScore(rows: readonly CustomerRow[]): Promise<void> {
    await this.tx.saveCustomers(rows)
    await rescore(
      this.tx,
      isoDay(this.clock.now()),
      rows.map((r) => r.id),
    )
  }

  private progress(): void {
    if (this.result.rows % 1000 === 0) this.options.onProgress?.(this.result.rows)
  }

  /** An accounts CSV or a book NDJSON; false when the file cannot be read at all (a missing column). */
  async accounts(source: Source): Promise<boolean> {
    let batch: { line: number; input: AccountInput }[] = []
    const context = { owners: this.owners, dateFormat: this.options.dateFormat }
    const take = async (line: number, read: { account: AccountInput } | { errors: RowError[] }) => {
      this.result.rows++
      this.progress()
      if ('errors' in read) return this.reject(read.errors)
      const first = this.firstLine.get(read.account.externalId)
      if (first !== undefined) {
        return this.reject([
          {
            line,
            column: this.idColumn,
            value: read.account.externalId,
            message: `repeats the account of line ${first}`,
          },
        ])
      }
      this.firstLine.set(read.account.externalId, line)
      batch.push({ line, input: read.account })
      if (batch.length >= BATCH) {
        await this.saveAccounts(batch)
        batch = []
      }
    }
    if (this.options.kind === 'book') {
      const ignored = new Set<string>()
      this.idColumn = 'externalId'
      for await (const { line, text } of ndjsonLines(source))
        await take(line, readBookLine(text, line, context, ignored))
      this.result.ignoredColumns = [...ignored]
    } else {
      for await (const row of this.csvRows(source, ACCOUNT_FIELDS, REQUIRED_ACCOUNT_FIELDS, 'external_id'))
        await take(row.line, readAccount(row.cell, row.line, context))
      if (this.unreadable) return false
    }
    if (batch.length) await this.saveAccounts(batch)
    await this.announce()
    return true
  }

  /**
   * A CSV file's data rows, each with a reader of its cells by field. A record the parser cannot
   * read is reported on its line; a header without a required column, or no header at all,
   * makes the file unreadable (its rows are only counted).
   */
  private async *csvRows<F extends string>(
    source: Source,
    fields: Record<F, readonly string[]>,
    required: readonly NoInfer<F>[],
    idField: NoInfer<F>,
  ): AsyncGenerator<{ line: number; cell: (field: F) => { column: string; text: string } | undefined }> {
    let headers: HeaderMap<F> | null = null
    let headerCells: readonly string[] = []
    for await (const record of csvRecords(source)) {
      if ('problem' in record) {
        this.result.rows++
        this.reject([{ line: record.line, column: '(row)', value: null, message: record.problem }])
        continue
      }
      if (!headers) {
        headers = mapHeaders(record.cells, fields)
        headerCells = record.cells
        this.result.ignoredColumns = headers.ignored
        if (!this.checkHeader(headers, required, fields)) {
          this.unreadable = true
          return this.countRest(source)
        }
        this.idColumn = headers.columns.get(idField)!.header
        continue
      }
      const nul = record.cells.findIndex((cell) => cell.includes('\0'))
      if (nul >= 0) {
        this.result.rows++
        const column = headerCells[nul] ?? `column ${nul + 1}`
        this.reject([{ line: record.line, column, value: null, message: 'contains a NUL character (U+0000)' }])
        continue
      }
      const map = headers
      yield {
        line: record.line,
        cell: (field) => {
          const column = map.columns.get(field)
          return column && { column: column.header, text: record.cells[column.index] ?? '' }
        },
      }
    }
    if (!headers) {
      this.unreadable = true
      addError(this.result, {
        line: 1,
        column: '(file)',
        value: null,
        message: 'The file is empty: it needs a header row',
      })
    }
  }

  private reject(errors: ImportResult['errors']): void {
    this.result.skipped++
    for (const error of errors) addError(this.result, error)
  }

  private emptyFile(): false {
    addError(this.result, {
      line: 1,
      column: '(file)',
      value: null,
      message: 'The file is empty: it needs a header row',
    })
    return false
  }

  private checkHeader<F extends string>(
    headers: HeaderMap<F>,
    required: readonly F[],
    aliases: Record<F, readonly string[]>,
  ): boolean {
    const missing = required.filter((field) => !headers.columns.has(field))
    for (const field of missing) {
      const names = [field, ...aliases[field]].map((n) => `"${n}"`).join(', ')
      addError(this.result, {
        line: 1,
        column: field,
        value: null,
        message: `is missing: add a column named one of ${names}`,
      })
    }
    return missing.length === 0
  }

  /** After a header that cannot be used, the rows are only counted. */
  private async countRest(source: Source): Promise<void> {
    let first = true
    for await (const record of csvRecords(source)) {
      if (first) first = false
      else if (!('problem' in record)) this.result.rows++
    }
  }

  private async saveAccounts(batch: readonly { line: number; input: AccountInput }[]): Promise<void> {
    const existing = new Map(
      (await this.tx.customersByExternalId(batch.map((b) => b.input.externalId))).map((c) => [c.external_id, c]),
    )
    const changed: CustomerRow[] = []
    const moved: { row: CustomerRow; from: string }[] = []
    const closing: ClosingRenewal[] = []
    const at = this.clock.now().toISOString()
    for (const { line, input } of batch) {
      const before = existing.get(input.externalId)
      const row = toCustomerRow(input, before)
      const change = !before ? 'created' : sameCustomer(before, row) ? 'unchanged' : 'updated'
      this.result[change]++
      const closed = before && closedByImport(before, row, at)
      if (closed) closing.push(closed)
      if (change !== 'unchanged') {
        changed.push(row)
        this.notify.add(row.owner_id)
        if (before) this.notify.add(before.owner_id)
      }
      if (before && before.owner_id !== row.owner_id) moved.push({ row, from: before.owner_id })
      if (this.result.preview.length < PREVIEW_ROWS) {
        this.result.preview.push({
          line,
          externalId: row.external_id!,
          name: row.name,
          domain: row.domain,
          arr: row.arr,
          renewalDate: row.renewal_date,
          owner: this.owners.emailOf(row.owner_id),
          accountPlan: row.account_plan,
          status: row.status,
          change,
        })
      }
    }
    // Closing first: each outcome keeps the forecast its renewal had.
    if (closing.length) {
      const closed = await this.tx.closeRenewals(closing)
      this.result.renewals.renewed += closed.renewed
      this.result.renewals.churned += closed.churned
    }
    await this.saveAndScore(changed)
    // A new owner takes the account's open work with it, step results included.
    for (const { row, from } of moved) {
      await this.tx.moveOpenTasksOfCustomer(row.id, from, row.owner_id)
      for (const wf of await this.tx.reassignOpenWorkflows(row.id, row.owner_id, at)) {
        this.result.workflows.updated++
        await this.tx.recordFormerAssignee(wf.id, wf.assigned_to, at)
        await this.tx.moveOpenTasksOfWorkflow(wf.id, row.owner_id)
        await this.tx.recordChange({
          user_id: wf.assigned_to,
          type: 'workflow-unassigned',
          workflow_id: wf.id,
          customer_id: row.id,
          at,
        })
        await this.tx.recordChange({
          user_id: row.owner_id,
          type: 'workflow-assigned',
          workflow_id: wf.id,
          customer_id: row.id,
          at,
        })
      }
    }
  }

  private async announce(): Promise<void> {
    const at = this.clock.now().toISOString()
    for (const userId of this.notify) {
      await this.tx.recordChange({ user_id: userId, type: 'queue-changed', workflow_id: null, customer_id: null, at })
    }
  }

  /** A contacts CSV: each account's contacts become those the file lists for it. */
  async contacts(source: Source): Promise<boolean> {
    const byAccount = new Map<string, { lines: number[]; contacts: Contact[] }>()
    for await (const row of this.csvRows(source, CONTACT_FIELDS, REQUIRED_CONTACT_FIELDS, 'account_id')) {
      this.result.rows++
      this.progress()
      const read = readContact(row.cell, row.line)
      if ('errors' in read) {
        this.reject(read.errors)
        continue
      }
      const entry = byAccount.get(read.accountId) ?? { lines: [], contacts: [] }
      entry.lines.push(row.line)
      entry.contacts.push(read.contact)
      byAccount.set(read.accountId, entry)
    }
    if (this.unreadable) return false
    const accountColumn = this.idColumn
    const ids = [...byAccount.keys()]
    for (let i = 0; i < ids.length; i += BATCH) {
      const batchIds = ids.slice(i, i + BATCH)
      const found = new Map((await this.tx.customersByExternalId(batchIds)).map((c) => [c.external_id, c]))
      const changed: CustomerRow[] = []
      for (const id of batchIds) {
        const entry = byAccount.get(id)!
        const customer = found.get(id)
        if (!customer) {
          for (const line of entry.lines) {
            this.reject([
              { line, column: accountColumn, value: id, message: 'names no account here; import the accounts first' },
            ])
          }
          continue
        }
        const data = JSON.parse(customer.data_json) as { salesforce?: { contacts?: unknown[] } }
        const had = data.salesforce?.contacts?.length ?? 0
        data.salesforce = { ...data.salesforce, contacts: entry.contacts.map(storedContact) }
        const dataJson = JSON.stringify(data)
        const change = dataJson === customer.data_json ? 'unchanged' : had ? 'updated' : 'created'
        this.result[change]++
        if (change !== 'unchanged') {
          changed.push({ ...customer, data_json: dataJson })
          this.notify.add(customer.owner_id)
        }
      }
      await this.saveAndScore(changed)
    }
    await this.announce()
    return true
  }
}
