import { useEffect, useState, type FormEvent } from 'react'
import { ApiFailure, type PlaybookSummary, type StagePlaybook } from '../api/workflow-service'
import { ErrorNotice } from '../components/ErrorNotice'
import { FieldErrors } from '../components/FieldErrors'
import { newStep } from '../playbook-editing'
import { navigate } from '../router'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'
import { PlaybookEditor } from './PlaybookEditor'

/** The team's playbooks (admins): the nine renewal ones and the team's own; one opens in its editor. */
export function PlaybooksScreen({ id }: { id?: string }) {
  if (id) return <PlaybookEditor key={id} id={id} />
  return <PlaybookList />
}

function PlaybookList() {
  const service = useSession((s) => s.service)
  const [playbooks, setPlaybooks] = useState<PlaybookSummary[] | null>(null)
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const [name, setName] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})

  useEffect(() => {
    service?.playbooks().then(setPlaybooks, (e: unknown) => setError(describeError(e)))
  }, [service])

  const create = async (e: FormEvent) => {
    e.preventDefault()
    if (!service) return
    setFields({})
    try {
      const created = await service.createPlaybook({ name, title: name, steps: [newStep([])] })
      navigate({ name: 'playbook', id: created.id })
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) setFields(err.fields)
      else setError(describeError(err))
    }
  }

  if (error && !playbooks) return <ErrorNotice error={error} />
  if (!playbooks) return <p role="status">Loading the playbooks…</p>
  return (
    <main className="playbooks-screen">
      <h1>Playbooks</h1>
      <p className="muted">
        A published version never changes. Publishing moves pending workflows to the new version; a workflow begun
        finishes on the version it began on.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Playbook</th>
            <th scope="col">Kind</th>
            <th scope="col">Published</th>
            <th scope="col">Draft</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {playbooks.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <a href={`#/playbooks/${encodeURIComponent(p.id)}`}>{p.name}</a>
              </th>
              <td>{p.kind === 'renewal' ? `Renewal: ${p.stage}` : 'Team playbook'}</td>
              <td>{p.publishedVersion === null ? 'Not yet' : `Version ${p.publishedVersion}`}</td>
              <td>{p.hasDraft ? 'Draft waiting' : '—'}</td>
              <td>{new Date(p.updatedAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <StageTable playbooks={playbooks} />
      <form className="inline-form" onSubmit={(e) => void create(e)} aria-label="New playbook">
        <h2>New playbook</h2>
        <p className="muted">For work beyond renewals: an executive business review, onboarding, a risk escalation.</p>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </label>
        <button type="submit" className="primary">
          Create as a draft
        </button>
        <FieldErrors fields={fields} />
        {error && <ErrorNotice error={error} />}
      </form>
    </main>
  )
}

/** Which playbook the planner starts in each renewal stage: its own, or one of the team's published ones. */
function StageTable({ playbooks }: { playbooks: readonly PlaybookSummary[] }) {
  const service = useSession((s) => s.service)
  const [stages, setStages] = useState<StagePlaybook[] | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  useEffect(() => {
    service?.stages().then(setStages, (e: unknown) => setStatus(describeError(e).message))
  }, [service])
  if (!stages) return null
  const teamPlaybooks = playbooks.filter((p) => p.kind === 'custom' && p.publishedVersion !== null)
  const nameOf = (id: string) => playbooks.find((p) => p.id === id)?.name ?? id
  const point = async (stage: StagePlaybook, playbookId: string) => {
    if (!service) return
    try {
      const { moved } = await service.pointStage(stage.stage, playbookId)
      setStages(stages.map((s) => (s.stage === stage.stage ? { ...s, playbookId } : s)))
      setStatus(
        `${stage.stage} now starts ${nameOf(playbookId)}; ${moved} pending workflow(s) moved to it, workflows begun stay on theirs.`,
      )
    } catch (e) {
      setStatus(describeError(e).message)
    }
  }
  return (
    <section aria-label="Stages">
      <h2>What the planner starts in each stage</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Playbook</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{s.stage}</th>
              <td>
                <select
                  aria-label={`Playbook for the ${s.stage} stage`}
                  value={s.playbookId}
                  onChange={(e) => void point(s, e.target.value)}
                >
                  <option value={s.ownPlaybookId}>{nameOf(s.ownPlaybookId)}</option>
                  {teamPlaybooks
                    .filter((p) => p.id === s.playbookId || !stages.some((o) => o.playbookId === p.id))
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status && <p role="status">{status}</p>}
    </section>
  )
}
