import { useConnection } from '../stores/connection'
import { formatTime } from '../format'

/** A quiet sign of whether the app reaches its server, and when it last did. */
export function ConnectionIndicator() {
  const { online, lastOkAt } = useConnection()
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
