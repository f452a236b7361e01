import { useConnection } from '../stores/connection'
import { formatTime } from '../format'

/**
 * Shown only while the app cannot reach its own host (the browser host, or the desktop's core):
 * then it is the one state that matters. Otherwise the sync state speaks (SyncIndicator).
 */
export function ConnectionIndicator() {
  const { online, lastOkAt } = useConnection()
  if (online) return null
  return (
    <span
      className={`connection ${online ? 'online' : 'offline'}`}
      role="status"
      aria-label={online ? 'Online' : 'Offline'}
    >
      <span className="dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline'}
      {lastOkAt && <span className="muted"> · last contact {formatTime(lastOkAt)}</span>}
    </span>
  )
}
