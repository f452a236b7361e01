import { useEffect, useState, type FormEvent } from 'react'
import { ShortcutsDialog } from './components/ShortcutsDialog'
import { ConnectionIndicator } from './components/ConnectionIndicator'
import { useRoute } from './router'
import { QueueScreen } from './screens/QueueScreen'
import { WorkflowScreen } from './screens/WorkflowScreen'
import { useSession } from './stores/session'
import { useShortcuts } from './shortcuts'

export function App() {
  const { status, user, signOut } = useSession()
  const route = useRoute()
  const [help, setHelp] = useState(false)
  useEffect(() => {
    void useSession.getState().start()
  }, [])
  useShortcuts({ '?': () => setHelp(true) })

  if (status === 'starting')
    return (
      <p className="loading" role="status">
        Starting CSM Desk…
      </p>
    )
  if (status === 'signed-out') return <SignIn />
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          CSM Desk
        </a>
        <ConnectionIndicator />
        <span className="user">{user?.name}</span>
        <button type="button" className="subtle" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
        {!window.desk && (
          <button type="button" className="subtle" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      {route.name === 'workflow' ? <WorkflowScreen key={route.id} id={route.id} /> : <QueueScreen />}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  )
}

function SignIn() {
  const { signIn, error } = useSession()
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    await signIn(token)
    setBusy(false)
  }
  return (
    <main className="signin">
      <h1>Sign in to CSM Desk</h1>
      <p>Paste the access token your admin gave you, or open the sign-in link printed by the server.</p>
      <form onSubmit={submit}>
        <label className="field">
          <span>Access token</span>
          <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={3} required aria-invalid={!!error} />
        </label>
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  )
}
