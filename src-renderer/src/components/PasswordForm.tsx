import { useState, type FormEvent } from 'react'
import { useSession } from '../stores/session'
import { NewPasswordFields } from './NewPasswordFields'

/** Settings: the signed-in user sets their own password. Their other sign-ins end; this one goes on. */
export function PasswordForm() {
  const changePassword = useSession((s) => s.changePassword)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; field: string | null; message: string } | null>(null)
  const mismatch = repeat !== '' && repeat !== next
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (mismatch) return
    setBusy(true)
    const answer = await changePassword(current, next)
    setBusy(false)
    if (answer.ok) {
      setCurrent('')
      setNext('')
      setRepeat('')
      setResult({ ok: true, field: null, message: 'Your password is changed. Your other sign-ins have ended.' })
    } else setResult({ ok: false, field: answer.field, message: answer.message })
  }
  const invalid = (field: string) => result?.ok === false && result.field === field
  return (
    <section aria-label="Your password">
      <h2>Your password</h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Change your password">
        <label className="field">
          <span>Current password</span>
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
            aria-invalid={invalid('currentPassword')}
          />
        </label>
        <NewPasswordFields
          value={next}
          repeat={repeat}
          onChange={setNext}
          onRepeat={setRepeat}
          invalid={invalid('newPassword')}
        />
        {result && (
          <p className={`notice ${result.ok ? 'done' : 'error'}`} role={result.ok ? 'status' : 'alert'}>
            {result.message}
          </p>
        )}
        <button type="submit" disabled={busy || !current || !next || mismatch}>
          Change password
        </button>
      </form>
    </section>
  )
}
