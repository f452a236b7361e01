import { useState, type FormEvent, type ReactNode } from 'react'
import { ErrorNotice } from '../components/ErrorNotice'
import { formatDate, formatMoney } from '../format'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { downloadCsv } from '../csv'
import { rejectedRowsCsv } from '../rejected-rows'
import { useQueue } from '../stores/queue'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'
import type { DateFormat, ImportKind, ImportResult } from '../api/workflow-service'

const KINDS: { kind: ImportKind; label: string }[] = [
  { kind: 'accounts', label: 'Accounts (CSV)' },
  { kind: 'contacts', label: 'Contacts (CSV)' },
  { kind: 'book', label: 'Book of business (NDJSON)' },
]
const FORMATS: { format: DateFormat; label: string }[] = [
  { format: 'MDY', label: 'Month first: 3/31/2026' },
  { format: 'DMY', label: 'Day first: 31/03/2026' },
  { format: 'YMD', label: 'Year first: 2026/03/31' },
]

type Phase = { step: 'reading' } | { step: 'sending'; sent: number; total: number } | { step: 'checking'; rows: number }

const count = (n: number) => n.toLocaleString('en-US')
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`

function kindOf(name: string): ImportKind {
  return /\.(ndjson|jsonl)$/i.test(name) ? 'book' : /contact/i.test(name) ? 'contacts' : 'accounts'
}

/**
 * An admin brings the team's book of business: pick a file, see what it would do (counts, the
 * first rows as stored, every error by line), then import it in one step.
 */
export function ImportScreen() {
  const service = useSession((s) => s.service)
  const role = useSession((s) => s.user?.role)
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<ImportKind>('accounts')
  const [dateFormat, setDateFormat] = useState<DateFormat>('MDY')
  const [skipInvalid, setSkipInvalid] = useState(false)
  const [phase, setPhase] = useState<Phase | null>(null)
  const [preview, setPreview] = useState<ImportResult | null>(null)
  const [done, setDone] = useState<ImportResult | null>(null)
  /** The file as read, for the rejected rows' download. */
  const [fileText, setFileText] = useState<string | undefined>(undefined)
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  useShortcuts({ Escape: () => navigate({ name: 'queue' }) })

  if (!service) return null
  if (role !== 'admin') {
    return (
      <main className="settings">
        <h1>Import</h1>
        <p className="empty">Only admins can import a book of business. Ask your admin to import your accounts.</p>
      </main>
    )
  }

  const changed = () => {
    setPreview(null)
    setDone(null)
    setError(null)
  }
  const run = async (dryRun: boolean) => {
    if (!file) return
    setError(null)
    setPhase({ step: 'reading' })
    try {
      const text = await file.text()
      setFileText(text)
      const rows = Math.max(0, text.split('\n').filter((l) => l.trim()).length - (kind === 'book' ? 0 : 1))
      setPhase({ step: 'checking', rows })
      const result = await service.importFile({ kind, dryRun, skipInvalid, dateFormat }, text, (sent, total) =>
        setPhase(sent < total ? { step: 'sending', sent, total } : { step: 'checking', rows }),
      )
      if (dryRun || !result.success) setPreview(result)
      else {
        setDone(result)
        setPreview(null)
        useQueue.setState({ loadedAt: 0 })
      }
    } catch (failure) {
      setError(describeError(failure))
    } finally {
      setPhase(null)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void run(true)
  }
  const blocked = !!preview && (!preview.success || preview.errorCount > 0) && !skipInvalid
  const headerBroken =
    !!preview && preview.errors.some((e) => e.line === 1) && preview.rows > 0 && preview.skipped === 0

  return (
    <main className="settings import-screen">
      <a href="#/" className="back">
        ← Team <kbd>Esc</kbd>
      </a>
      <h1>Import a book of business</h1>
      <section aria-label="Choose a file">
        <p>
          Export your accounts from your CRM as CSV (Salesforce and HubSpot column names are understood), or a book of
          business as NDJSON. Nothing is written until you confirm; importing the same file again changes nothing.
        </p>
        <form onSubmit={submit}>
          <label className="field">
            <span>File to import</span>
            <input
              type="file"
              accept=".csv,.ndjson,.jsonl,.txt,text/csv"
              onChange={(e) => {
                const picked = e.target.files?.[0] ?? null
                setFile(picked)
                if (picked) setKind(kindOf(picked.name))
                changed()
              }}
            />
          </label>
          <label className="field">
            <span>What it holds</span>
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind)
                changed()
              }}
            >
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Dates written like</span>
            <select
              value={dateFormat}
              onChange={(e) => {
                setDateFormat(e.target.value as DateFormat)
                changed()
              }}
            >
              {FORMATS.map((f) => (
                <option key={f.format} value={f.format}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={!file || !!phase}>
              Preview
            </button>
          </div>
        </form>
      </section>
      {phase && <Progress phase={phase} />}
      {error && <ErrorNotice error={error} />}
      {done && (
        <p className="notice done" role="status">
          Imported {file?.name}: {plural(done.created, 'new account')}, {count(done.updated)} updated,{' '}
          {count(done.unchanged)} unchanged{done.skipped ? `, ${plural(done.skipped, 'row')} with errors skipped` : ''}.
          Renewal workflows: {count(done.workflows.created)} created, {count(done.workflows.updated)} updated,{' '}
          {count(done.workflows.closed)} closed.
        </p>
      )}
      {done && done.errors.length > 0 && (
        <section aria-label="Rows not imported">
          <h2>Rows not imported</h2>
          <ImportErrors result={done} fileText={fileText} />
        </section>
      )}
      {preview && (
        <Preview result={preview} fileText={fileText}>
          {!headerBroken && preview.errorCount > 0 && (
            <label className="check">
              <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
              Skip the {plural(preview.skipped, 'row')} with errors and import the rest
            </label>
          )}
          <div className="form-buttons">
            <button
              type="button"
              className="primary"
              disabled={blocked || headerBroken || !!phase}
              onClick={() => void run(false)}
            >
              Import {plural(preview.rows - preview.skipped, kind === 'contacts' ? 'contact' : 'account')}
            </button>
          </div>
        </Preview>
      )}
    </main>
  )
}

function Progress({ phase }: { phase: Phase }) {
  const label =
    phase.step === 'reading'
      ? 'Reading the file…'
      : phase.step === 'sending'
        ? `Sending the file: ${Math.round((phase.sent / phase.total) * 100)}%`
        : `Checking ${plural(phase.rows, 'row')}…`
  return (
    <div className="import-progress" role="status">
      {phase.step === 'sending' ? (
        <progress value={phase.sent} max={phase.total} aria-label={label} />
      ) : (
        <progress aria-label={label} />
      )}
      <span>{label}</span>
    </div>
  )
}

function Preview({ result, fileText, children }: { result: ImportResult; fileText?: string; children: ReactNode }) {
  return (
    <section aria-label="Preview">
      <h2>Preview</h2>
      <ul className="import-counts">
        <li>
          <strong>{count(result.rows)}</strong> rows read
        </li>
        <li>
          <strong>{count(result.created)}</strong> new
        </li>
        <li>
          <strong>{count(result.updated)}</strong> updated
        </li>
        <li>
          <strong>{count(result.unchanged)}</strong> unchanged
        </li>
        <li className={result.errorCount ? 'bad' : undefined}>
          <strong>{count(result.errorCount)}</strong> {result.errorCount === 1 ? 'error' : 'errors'}
        </li>
      </ul>
      <p>
        Renewal workflows this would plan: {count(result.workflows.created)} new, {count(result.workflows.updated)}{' '}
        moved, {count(result.workflows.closed)} closed.
        {result.ignoredColumns.length > 0 && <> Columns left out: {result.ignoredColumns.join(', ')}.</>}
      </p>
      {result.preview.length > 0 && (
        <table className="outbox">
          <caption>The first accounts as they would be stored</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Account</th>
              <th scope="col">ARR</th>
              <th scope="col">Renewal</th>
              <th scope="col">Owner</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {result.preview.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>
                  {row.name} <span className="muted">{row.externalId}</span>
                </td>
                <td>{formatMoney(row.arr)}</td>
                <td>{formatDate(row.renewalDate)}</td>
                <td>{row.owner}</td>
                <td>{row.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ImportErrors result={result} fileText={fileText} />
      {children}
    </section>
  )
}

/** Every error of an import by line, column and value, and the rejected rows to download and fix. */
function ImportErrors({ result, fileText }: { result: ImportResult; fileText?: string }) {
  if (!result.errors.length) return null
  const download = () => {
    if (fileText === undefined) return
    downloadCsv('rejected-rows.csv', rejectedRowsCsv(fileText, result.errors))
  }
  return (
    <>
      <table className="outbox import-errors">
        <caption>
          {result.errorCount > result.errors.length
            ? `The first ${count(result.errors.length)} of ${count(result.errorCount)} errors`
            : plural(result.errorCount, 'error')}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {result.errors.map((e, i) => (
            <tr key={i} className="rejected">
              <td>{e.line}</td>
              <td>{e.column}</td>
              <td>{e.value === null ? '' : <code>{e.value}</code>}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fileText !== undefined && result.kind !== 'book' && (
        <button type="button" onClick={download}>
          Download rejected rows (CSV)
        </button>
      )}
    </>
  )
}
