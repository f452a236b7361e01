import { useSession } from '../stores/session'
import { useSync } from '../stores/sync'

/** What the team server decided about work done here while offline: said once, until read. */
export function SyncNotices() {
  const transport = useSession((s) => s.transport)
  // Select the list itself: a new [] in a selector would render forever.
  const notices = useSync((s) => s.status?.notices)
  const act = useSync((s) => s.act)
  if (!transport || !notices?.length) return null
  return (
    <div className="notice info sync-notices" role="status" aria-label="While you were offline">
      <ul>
        {notices.map((n) => (
          <li key={`${n.at}-${n.workflowId}`}>{n.text}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void act(transport, 'POST', '/sync/notices/dismiss')}>
        Got it
      </button>
    </div>
  )
}
