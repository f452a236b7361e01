import { useEffect } from 'react'
import { formatTime } from '../format'
import { useSession } from '../stores/session'
import { useSync } from '../stores/sync'
import { useConnection } from '../stores/connection'

const POLL_MS = 10_000

/** Sync with the team server at a glance: online or not, changes waiting, problems, last sync. */
export function SyncIndicator() {
  const transport = useSession((s) => s.transport)
  const status = useSync((s) => s.status)
  const hostOnline = useConnection((s) => s.online)
  useEffect(() => {
    if (!transport) return
    void useSync.getState().refresh(transport)
    const timer = setInterval(() => void useSync.getState().refresh(transport), POLL_MS)
    return () => clearInterval(timer)
  }, [transport])
  // One state in the header: while the app's own host is out of reach, ConnectionIndicator says so.
  if (!hostOnline) return null
  if (!status?.configured) {
    return (
      <a className="sync" href="#/settings">
        Local only: not syncing with a team server
      </a>
    )
  }
  const attention = (status.rejected ?? 0) + (status.stuck ?? 0)
  const parts = [
    status.needsSignIn ? 'Sign in to sync' : !status.online ? 'Offline' : status.pending ? 'Online' : 'Synced',
    status.pending ? `${status.pending} waiting` : null,
    attention ? `${attention} need attention` : null,
    status.lastSyncAt ? `last ${formatTime(status.lastSyncAt)}` : 'never synced',
    status.lastError && !status.needsSignIn ? 'last attempt failed' : null,
  ].filter(Boolean)
  const tone = attention || status.needsSignIn ? 'bad' : status.online ? 'good' : 'warn'
  return (
    <a
      className={`sync ${tone}`}
      href="#/settings"
      aria-label={`Sync: ${parts.join(', ')}`}
      title={status.lastError ?? undefined}
    >
      <span className="dot" aria-hidden="true" />
      {parts.join(' · ')}
    </a>
  )
}
