import { useEffect, useState, type FormEvent } from 'react'
import { ApiFailure, type StartablePlaybook, type TeamUser } from '../api/workflow-service'
import { addDays } from '../format'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { businessToday, useSession } from '../stores/session'
import { FieldErrors } from './FieldErrors'

/**
 * Starts one of the team's own playbooks (an executive business review, onboarding…) on this
 * account: it joins the queue, its urgency from its due day. An admin may start it for any CSM.
 */
export function StartPlaybook({ customerId, customerName }: { customerId: string; customerName: string }) {
  const service = useSession((s) => s.service)
  const user = useSession((s) => s.user)
  const [open, setOpen] = useState(false)
  const [playbooks, setPlaybooks] = useState<StartablePlaybook[] | null>(null)
  const [csms, setCsms] = useState<TeamUser[]>([])
  const [playbook, setPlaybook] = useState('')
  const [dueDate, setDueDate] = useState(() => addDays(businessToday, 7))
  const [note, setNote] = useState('')
  const [assigneeId, setAssigneeId] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!open || !service) return
    service.startablePlaybooks().then(
      (found) => {
        setPlaybooks(found)
        setPlaybook((current) => current || (found[0]?.id ?? ''))
      },
      (e: unknown) => setError(describeError(e).message),
    )
    if (user?.role === 'admin')
      service.users().then(
        ({ users }) => setCsms(users.filter((u) => u.active && u.role === 'csm')),
        () => setCsms([]),
      )
  }, [open, service, user?.role])

  const start = async (e: FormEvent) => {
    e.preventDefault()
    if (!service) return
    setFields({})
    setError(null)
    try {
      const answer = await service.startPlaybook(customerId, {
        playbook,
        dueDate,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(assigneeId ? { assigneeId } : {}),
      })
      navigate({ name: 'workflow', id: answer.workflow.id })
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) setFields(err.fields)
      else setError(describeError(err).message)
    }
  }

  if (!open)
    return (
      <button type="button" className="subtle" onClick={() => setOpen(true)}>
        Start a playbook on {customerName}…
      </button>
    )
  return (
    <form className="start-playbook" aria-label={`Start a playbook on ${customerName}`} onSubmit={(e) => void start(e)}>
      {playbooks === null ? (
        <p role="status">Loading the team’s playbooks…</p>
      ) : playbooks.length === 0 ? (
        <p>Your team has no playbooks of its own yet; an admin makes them on the Playbooks screen.</p>
      ) : (
        <>
          <label className="field">
            <span>Playbook</span>
            <select value={playbook} onChange={(e) => setPlaybook(e.target.value)}>
              {playbooks.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.steps} steps, about {p.estimatedMinutes} min)
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>Due</span>
            <input type="date" value={dueDate} required onChange={(e) => setDueDate(e.target.value)} />
          </label>
          {user?.role === 'admin' && (
            <label className="field">
              <span>For</span>
              <select value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
                <option value="">The account’s owner</option>
                {csms.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>Note (optional)</span>
            <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Start
          </button>
        </>
      )}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <FieldErrors fields={fields} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
