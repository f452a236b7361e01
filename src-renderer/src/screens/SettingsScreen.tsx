import { useEffect, useState, type FormEvent } from 'react'
import { ErrorNotice } from '../components/ErrorNotice'
import { FieldErrors, fieldError } from '../components/FieldErrors'
import { PasswordForm } from '../components/PasswordForm'
import { formatTime } from '../format'
import { navigate } from '../router'
import { useSession } from '../stores/session'
import { useSync, type OutboxEntry } from '../stores/sync'
import { useShortcuts } from '../shortcuts'
import { entryLines } from '../outbox-entry'
import { browserRemindersOn, setBrowserReminders } from '../reminders'

const KIND: Record<OutboxEntry['kind'], string> = {
  start: 'Start',
  snooze: 'Snooze',
  resume: 'Wake',
  'complete-step': 'Complete step',
  'complete-workflow': 'Complete workflow',
  'create-task': 'New task',
  'complete-task': 'Task done',
  'reopen-task': 'Task reopened',
  'set-forecast': 'Forecast',
  'start-playbook': 'Playbook started',
}

/** Team server, sign-in, sync now, and the changes waiting or refused: for admins and curious CSMs. */
export function SettingsScreen() {
  const transport = useSession((s) => s.transport)
  const { status, outbox, busy, error, errorCode, fields, refresh, loadOutbox, act } = useSync()
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  useShortcuts({ Escape: () => navigate({ name: 'queue' }) })

  useEffect(() => {
    if (!transport) return
    const update = () => void refresh(transport).then(() => loadOutbox(transport))
    update()
    const timer = setInterval(update, 3000)
    return () => clearInterval(timer)
  }, [transport, refresh, loadOutbox])

  if (!transport) return null
  const connect = async (event: FormEvent | null, discardDemo = false) => {
    event?.preventDefault()
    const body = { serverUrl: serverUrl.trim(), token: token.trim(), ...(discardDemo && { discardDemo }) }
    if (await act(transport, 'POST', '/sync/config', body)) setToken('')
  }
  return (
    <main className="settings">
      <a href="#/" className="back">
        ← Queue <kbd>Esc</kbd>
      </a>
      <h1>Settings</h1>
      {error && errorCode !== 'DEMO_HAS_WORK' && <ErrorNotice error={error} />}
      {errorCode === 'DEMO_HAS_WORK' && (
        <div className="notice warn" role="alert">
          {error?.message}{' '}
          <button type="button" disabled={busy} onClick={() => void connect(null, true)}>
            Remove the demo book and connect
          </button>
        </div>
      )}
      <section aria-label="Team server">
        <h2>Team server</h2>
        {status?.configured ? (
          <dl className="facts">
            <dt>Server</dt>
            <dd>{status.server ?? 'not signed in'}</dd>
            <dt>State</dt>
            <dd>{status.needsSignIn ? 'Waiting for sign-in' : status.online ? 'Online' : 'Offline'}</dd>
            <dt>Changes waiting</dt>
            <dd>{status.pending}</dd>
            <dt>Need attention</dt>
            <dd>{(status.rejected ?? 0) + (status.stuck ?? 0)}</dd>
            <dt>Held behind a refused change</dt>
            <dd>{status.held ?? 0}</dd>
            <dt>Last sync</dt>
            <dd>{status.lastSyncAt ? formatTime(status.lastSyncAt) : 'never'}</dd>
            {status.lastError && (
              <>
                <dt>Last error</dt>
                <dd>{status.lastError}</dd>
              </>
            )}
          </dl>
        ) : status?.canConnect === false ? (
          <p>{status.why}</p>
        ) : (
          <p>This app works locally only. Connect it to your team's server to sync your work.</p>
        )}
        <div className="form-buttons">
          {status?.configured && (
            <>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void act(transport, 'POST', '/sync')}
              >
                {busy ? 'Syncing…' : 'Sync now'}
              </button>
              <button type="button" disabled={busy} onClick={() => void act(transport, 'POST', '/sync/sign-out')}>
                Sign out of the server
              </button>
            </>
          )}
        </div>
        {status?.canConnect !== false && (
          <form onSubmit={connect} aria-label="Connect to a team server">
            <h3>{status?.configured ? 'Sign in again or change server' : 'Connect'}</h3>
            <FieldErrors fields={fields} />
            <label className="field">
              <span>Server URL</span>
              <input
                value={serverUrl}
                onChange={(e) => setServerUrl(e.target.value)}
                placeholder="https://desk.example.com/api"
                aria-invalid={!!fields.serverUrl}
              />
              {fieldError(fields, 'serverUrl')}
            </label>
            <label className="field">
              <span>Your token on the server</span>
              <textarea
                value={token}
                onChange={(e) => setToken(e.target.value)}
                rows={2}
                aria-invalid={!!fields.token}
              />
              {fieldError(fields, 'token')}
            </label>
            <button type="submit" disabled={busy || !serverUrl.trim() || !token.trim()}>
              Connect and sync
            </button>
          </form>
        )}
      </section>
      {/* A desktop with no team server signs in nowhere: there is no password to change. */}
      {(!window.desk || status?.configured) && <PasswordForm />}
      <RemindersChoice />
      <KeyringChoice />
      {status?.configured && (
        <Outbox entries={outbox} busy={busy} onAct={(path, body) => void act(transport, 'POST', path, body)} />
      )}
    </main>
  )
}

function Outbox({
  entries,
  busy,
  onAct,
}: {
  entries: OutboxEntry[]
  busy: boolean
  onAct: (path: string, body?: unknown) => void
}) {
  const [confirming, setConfirming] = useState<string | null>(null)
  const heldBehind = (id: string) => entries.filter((e) => e.heldBy === id).length
  return (
    <section aria-label="Outbox">
      <h2>Changes not yet on the server</h2>
      {entries.length === 0 ? (
        <p className="muted">Everything you did is on the server.</p>
      ) : (
        <table className="outbox">
          <thead>
            <tr>
              <th>Change</th>
              <th>Account</th>
              <th>What you entered</th>
              <th>When</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={entry.status}>
                <td>
                  {KIND[entry.kind]}
                  {entry.body.stepId ? `: ${entry.stepName ?? entry.body.stepId}` : ''}
                </td>
                <td>
                  {entry.workflowId.startsWith('task:') ? (
                    <a href="#/tasks">{entry.customerName ? `Tasks of ${entry.customerName}` : 'Tasks'}</a>
                  ) : (
                    <a href={`#/workflow/${encodeURIComponent(entry.workflowId)}`}>
                      {entry.customerName ?? entry.workflowId}
                    </a>
                  )}
                </td>
                <td>
                  <EntryContent entry={entry} />
                </td>
                <td>{formatTime(entry.createdAt)}</td>
                <td>
                  <EntryState entry={entry} />
                </td>
                <td>
                  {entry.status === 'rejected' &&
                    (confirming === entry.id ? (
                      <ConfirmDiscard
                        held={heldBehind(entry.id)}
                        busy={busy}
                        onDiscard={(held) => onAct(`/sync/outbox/${entry.id}/discard`, held ? { held } : undefined)}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <>
                        <button type="button" disabled={busy} onClick={() => onAct(`/sync/outbox/${entry.id}/retry`)}>
                          Retry
                        </button>
                        <button type="button" onClick={() => setConfirming(entry.id)}>
                          Discard…
                        </button>
                      </>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Everything the CSM entered in this change, a line each; a start carries nothing to show. */
function EntryContent({ entry }: { entry: OutboxEntry }) {
  const lines = entryLines(entry.body)
  if (!lines.length) return <span className="muted">{entry.kind === 'start' ? 'Started' : '–'}</span>
  return (
    <ul className="entry-lines">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  )
}

function EntryState({ entry }: { entry: OutboxEntry }) {
  const tries = entry.attempts === 1 ? '1 try' : `${entry.attempts} tries`
  if (entry.status === 'rejected') {
    return (
      <span className="bad">
        Refused ({tries}): {entry.rejection?.error?.message ?? entry.lastError}
      </span>
    )
  }
  if (entry.heldBy) return <span>Held: waits for the refused change above, so it is sent in order</span>
  if (entry.stuck) {
    return (
      <span className="bad">
        Still not sent after {tries}: {entry.lastError}. It keeps trying; check the team server.
      </span>
    )
  }
  return <span>Waiting{entry.attempts ? ` (${tries}: ${entry.lastError})` : ''}</span>
}

/** Discarding a refused change asks for sure, and what to do with the later changes held behind it. */
function ConfirmDiscard({
  held,
  busy,
  onDiscard,
  onKeep,
}: {
  held: number
  busy: boolean
  onDiscard: (held?: 'discard' | 'release') => void
  onKeep: () => void
}) {
  return (
    <span role="group" aria-label="Confirm discard">
      {held === 0 ? (
        <>
          Discard for good?{' '}
          <button type="button" disabled={busy} onClick={() => onDiscard()}>
            Discard
          </button>
        </>
      ) : (
        <>
          Discard for good? {held === 1 ? '1 later change waits' : `${held} later changes wait`} on it.{' '}
          <button type="button" disabled={busy} onClick={() => onDiscard('discard')}>
            Discard all
          </button>
          <button type="button" disabled={busy} onClick={() => onDiscard('release')}>
            Discard, send the rest
          </button>
        </>
      )}
      <button type="button" onClick={onKeep}>
        Keep
      </button>
    </span>
  )
}

/** Desktop on Linux without a keyring: the sign-in lasts until quit, unless the user chooses otherwise. */
function KeyringChoice() {
  const keyring = useSession((s) => s.keyring)
  const setKeep = useSession((s) => s.setKeepWithoutKeyring)
  if (!keyring.missing) return null
  return (
    <section aria-label="Sign-in on this computer">
      <h2>Sign-in on this computer</h2>
      <p className="muted">
        No keyring (GNOME Keyring or KWallet) was found, so your sign-in is kept only until you quit. Kept on disk
        without a keyring, it is protected only by weak, hard-coded encryption.
      </p>
      <label className="check">
        <input type="checkbox" checked={keyring.keepAnyway} onChange={(e) => void setKeep(e.target.checked)} />
        Keep me signed in anyway
      </label>
    </section>
  )
}

/** Reminders of tasks falling due and renewals turning urgent: on or off. */
function RemindersChoice() {
  const [on, setOn] = useState<boolean | null>(() => (window.desk ? null : browserRemindersOn()))
  useEffect(() => {
    void window.desk
      ?.request({ method: 'GET', path: '/session' })
      .then((answer) => setOn(!!(answer.body as { reminders?: boolean }).reminders))
  }, [])
  const change = async (wanted: boolean) => {
    if (window.desk) {
      await window.desk.request({ method: 'POST', path: '/session/reminders', body: { on: wanted } })
      setOn(wanted)
    } else setOn(await setBrowserReminders(wanted))
  }
  if (on === null) return null
  return (
    <section aria-label="Reminders">
      <h2>Reminders</h2>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => void change(e.target.checked)} />
        Notify me when a task falls due or a renewal becomes urgent (Emergency or Overdue)
      </label>
    </section>
  )
}
