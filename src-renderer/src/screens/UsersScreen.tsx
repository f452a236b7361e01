import { useEffect, useState, type FormEvent } from 'react'
import { ErrorNotice } from '../components/ErrorNotice'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import { useShortcuts } from '../shortcuts'
import { ApiFailure, type TeamUser } from '../api/workflow-service'
import { fieldError } from '../components/FieldErrors'
import { plainFieldMessages } from '../field-messages'

const EXPERIENCE = ['junior', 'mid', 'senior', 'expert']

/** The team's users, for admins: add one (its temporary password shown once), change role or experience, deactivate. */
export function UsersScreen() {
  const service = useSession((s) => s.service)
  const me = useSession((s) => s.user)
  const [users, setUsers] = useState<TeamUser[] | null>(null)
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const [created, setCreated] = useState<{ email: string; password: string; reset?: boolean } | null>(null)
  const [resetting, setResetting] = useState<string | null>(null)
  const [addProblems, setAddProblems] = useState<Record<string, string>>({})
  /** A role change waits for a second look before it takes effect. */
  const [roleChange, setRoleChange] = useState<{ id: string; role: 'csm' | 'admin' } | null>(null)
  const [draft, setDraft] = useState({ name: '', email: '', role: 'csm' as 'csm' | 'admin', experience: 'mid' })
  const [leaving, setLeaving] = useState<{ id: string; to: string } | null>(null)
  useShortcuts({ Escape: () => navigate({ name: 'queue' }) })

  const load = () => {
    service
      ?.users()
      .then((answer) => setUsers(answer.users))
      .catch((failure) => setError(describeError(failure)))
  }
  useEffect(load, [service])
  if (!service) return null

  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      load()
      return true
    } catch (failure) {
      setError(describeError(failure))
      return false
    }
  }
  const add = async (event: FormEvent) => {
    event.preventDefault()
    setAddProblems({})
    setError(null)
    try {
      const password = (await service.addUser(draft)).temporaryPassword
      setCreated({ email: draft.email, password })
      setDraft({ name: '', email: '', role: 'csm', experience: 'mid' })
      load()
    } catch (failure) {
      // A field the form shows gets its message beside it; anything else, once, above the form.
      const fields = failure instanceof ApiFailure ? failure.fields : {}
      const { beside, elsewhere } = plainFieldMessages(fields, ['email', 'name', 'role', 'experience'])
      if (Object.keys(beside).length) setAddProblems(beside)
      if (!Object.keys(beside).length || elsewhere)
        setError(elsewhere ? { message: elsewhere, offline: false } : describeError(failure))
    }
  }
  const reset = async (user: TeamUser) => {
    let password = ''
    const ok = await act(async () => {
      password = (await service.resetPassword(user.id)).temporaryPassword
    })
    setResetting(null)
    if (ok) setCreated({ email: user.email, password, reset: true })
  }
  const takers = (users ?? []).filter((u) => u.active && u.role === 'csm')

  return (
    <main className="settings users-screen">
      <a href="#/" className="back">
        ← Team <kbd>Esc</kbd>
      </a>
      <h1>Users</h1>
      {error && <ErrorNotice error={error} />}
      {created && (
        <div className="notice done" role="status">
          {created.reset ? `${created.email}'s sign-ins have ended. They` : created.email} can sign in with the
          temporary password <code>{created.password}</code> and choose their own then. It is shown only this once: hand
          it over now.{' '}
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {users && (
        <table className="outbox">
          <caption>{users.length} users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Experience</th>
              <th scope="col">Open workflows</th>
              <th scope="col">Status</th>
              <th scope="col">Password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={roleChange?.id === u.id ? roleChange.role : u.role}
                    disabled={u.id === me?.id || !u.active}
                    onChange={(e) => {
                      const role = e.target.value as 'csm' | 'admin'
                      setRoleChange(role === u.role ? null : { id: u.id, role })
                    }}
                  >
                    <option value="csm">CSM</option>
                    <option value="admin">Admin</option>
                  </select>
                  {roleChange?.id === u.id && (
                    <span role="group" aria-label={`Confirm role change for ${u.name}`} className="confirm">
                      {roleChange.role === 'admin'
                        ? `${u.name} would see the whole team and manage users and imports.`
                        : `${u.name} would lose the Team, Users and Import screens.`}{' '}
                      <button
                        type="button"
                        onClick={() =>
                          void act(() => service.changeUser(u.id, { role: roleChange.role })).then(() =>
                            setRoleChange(null),
                          )
                        }
                      >
                        Make {u.name} {roleChange.role === 'admin' ? 'an admin' : 'a CSM'}
                      </button>
                      <button type="button" onClick={() => setRoleChange(null)}>
                        Keep
                      </button>
                    </span>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`Experience of ${u.name}`}
                    value={u.experience}
                    disabled={!u.active}
                    onChange={(e) => void act(() => service.changeUser(u.id, { experience: e.target.value }))}
                  >
                    {EXPERIENCE.map((x) => (
                      <option key={x} value={x}>
                        {x}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.openWorkflows}</td>
                <td>
                  {!u.active ? (
                    <>
                      Deactivated{' '}
                      <button type="button" onClick={() => void act(() => service.activateUser(u.id))}>
                        Reactivate {u.name}
                      </button>
                    </>
                  ) : u.id === me?.id ? (
                    'Active (you)'
                  ) : leaving?.id === u.id ? (
                    <span className="deactivate">
                      {u.openWorkflows > 0 && (
                        <select
                          aria-label={`Who takes over ${u.name}'s open work`}
                          value={leaving.to}
                          onChange={(e) => setLeaving({ id: u.id, to: e.target.value })}
                        >
                          <option value="">Who takes over their work?</option>
                          {takers
                            .filter((t) => t.id !== u.id)
                            .map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.name}
                              </option>
                            ))}
                        </select>
                      )}
                      <button
                        type="button"
                        disabled={u.openWorkflows > 0 && !leaving.to}
                        onClick={() =>
                          void act(() => service.deactivateUser(u.id, leaving.to || undefined)).then(
                            (ok) => ok && setLeaving(null),
                          )
                        }
                      >
                        Deactivate {u.name}
                      </button>
                      <button type="button" onClick={() => setLeaving(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setLeaving({ id: u.id, to: '' })}>
                      Deactivate…
                    </button>
                  )}
                </td>
                <td>
                  {u.id === me?.id ? (
                    'Change yours in Settings'
                  ) : !u.active ? (
                    '–'
                  ) : resetting === u.id ? (
                    <span role="group" aria-label={`Confirm password reset for ${u.name}`}>
                      Ends {u.name}'s sign-ins now.{' '}
                      <button type="button" onClick={() => void reset(u)}>
                        Reset {u.name}'s password
                      </button>
                      <button type="button" onClick={() => setResetting(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setResetting(u.id)}>
                      Reset password…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-label="Add a user">
        <h2>Add a user</h2>
        <form onSubmit={add} className="new-task">
          <label className="field">
            <span>Name</span>
            <input
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              required
              aria-invalid={!!addProblems.name}
            />
            {fieldError(addProblems, 'name')}
          </label>
          <label className="field">
            <span>Email</span>
            <input
              type="email"
              value={draft.email}
              onChange={(e) => setDraft({ ...draft, email: e.target.value })}
              required
              aria-invalid={!!addProblems.email}
            />
            {fieldError(addProblems, 'email')}
          </label>
          <label className="field">
            <span>Role</span>
            <select
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value as 'csm' | 'admin' })}
            >
              <option value="csm">CSM</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <label className="field">
            <span>Experience</span>
            <select value={draft.experience} onChange={(e) => setDraft({ ...draft, experience: e.target.value })}>
              {EXPERIENCE.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            Add user
          </button>
        </form>
      </section>
    </main>
  )
}
