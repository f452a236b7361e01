import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { useSession } from '../stores/session'
import { useSync } from '../stores/sync'

/**
 * Sign-in: single sign-on where the team server offers it, and email and password where it allows
 * them; at this host in a browser, at the team server in the desktop app (which keeps the token
 * encrypted, never the password). A token still works, for automation.
 */
export function SignIn({ onDone }: { onDone?: () => void }) {
  const { signIn, login, signInWithSso, loadMethods, methods, error, errorField, demoWork, passwordChange } =
    useSession()
  // The desktop app signs in again at the server it syncs with, unless told another.
  const [serverUrl, setServerUrl] = useState(() => useSync.getState().status?.server ?? '')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [token, setToken] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [busy, setBusy] = useState(false)
  const [usedSso, setUsedSso] = useState(false)
  useEffect(() => void loadMethods(), [loadMethods])
  const mismatch = passwordChange && repeat !== '' && repeat !== newPassword
  const server = window.desk ? serverUrl : undefined
  const finish = async (attempt: Promise<void>) => {
    setBusy(true)
    await attempt
    setBusy(false)
    if (!useSession.getState().error) onDone?.()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (mismatch) return
    setUsedSso(false)
    void finish(login(email, password, { serverUrl: server, newPassword: passwordChange ? newPassword : undefined }))
  }
  const sso = (discardDemo = false) => {
    setUsedSso(true)
    void finish(signInWithSso({ serverUrl: server, discardDemo }))
  }
  const submitToken = (event: FormEvent) => {
    event.preventDefault()
    void finish(signIn(token))
  }
  // The desktop app cannot know what a server offers before it is named: it offers both.
  const ssoName = window.desk ? 'single sign-on' : methods?.sso?.name
  const passwords = window.desk ? 'all' : (methods?.password ?? 'all')

  const passwordForm = (
    <form onSubmit={submit} aria-label="Sign in">
      <label className="field">
        <span>Email</span>
        <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          aria-invalid={!!error && !usedSso}
        />
      </label>
      {passwordChange && (
        <fieldset className="new-password">
          <legend>Your password is temporary: choose your own to go on</legend>
          <NewPasswordFields
            value={newPassword}
            repeat={repeat}
            onChange={setNewPassword}
            onRepeat={setRepeat}
            invalid={errorField === 'newPassword'}
            autoFocus
          />
        </fieldset>
      )}
      <div className="form-buttons">
        <button
          type="submit"
          className={ssoName ? undefined : 'primary'}
          disabled={busy || !email.trim() || !password || (passwordChange && (!newPassword || mismatch))}
        >
          {passwordChange ? 'Set my password and sign in' : 'Sign in'}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
  const breakGlass = (form: ReactNode) => (
    <details>
      <summary>Admins: sign in with a password</summary>
      {form}
    </details>
  )

  return (
    <main className="signin">
      <h1>Sign in to CSM Desk</h1>
      {window.desk && (
        <label className="field">
          <span>Team server</span>
          <input
            type="url"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            placeholder="https://csm.example.com/api"
            required
          />
        </label>
      )}
      {ssoName && (
        <div className="form-buttons">
          <button
            type="button"
            className="primary"
            disabled={busy || (!!window.desk && !serverUrl.trim())}
            onClick={() => sso()}
          >
            Sign in with {ssoName}
          </button>
          {busy && usedSso && window.desk && (
            <span role="status">Finish signing in in your browser; this window waits for it.</span>
          )}
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {demoWork && (
        <button
          type="button"
          disabled={busy}
          onClick={() => (usedSso ? sso(true) : void finish(login(email, password, { serverUrl, discardDemo: true })))}
        >
          Remove the demo book and sign in
        </button>
      )}
      {passwords === 'all' && passwordForm}
      {passwords === 'admins' && breakGlass(passwordForm)}
      <details>
        <summary>Sign in with an access token instead</summary>
        <form onSubmit={submitToken} aria-label="Sign in with a token">
          <label className="field">
            <span>Access token</span>
            <textarea value={token} onChange={(e) => setToken(e.target.value)} rows={3} required />
          </label>
          <button type="submit" disabled={busy || !token.trim()}>
            Sign in with the token
          </button>
        </form>
      </details>
    </main>
  )
}
