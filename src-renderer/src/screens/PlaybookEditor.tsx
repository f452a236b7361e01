import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import DOMPurify from 'dompurify'
import {
  ApiFailure,
  type CheckResponse,
  type PlaybookBody,
  type PlaybookResponse,
  type PreviewStep,
} from '../api/workflow-service'
import { ErrorNotice } from '../components/ErrorNotice'
import { FieldErrors } from '../components/FieldErrors'
import { StepEditor } from '../components/StepEditor'
import { moveStep, newStep } from '../playbook-editing'
import { changesOnly, diffLines, playbookLines } from '../playbook-diff'
import { describeError } from '../stores/errors'
import { useSession } from '../stores/session'

type Problem = CheckResponse['problems'][number]
type Target = { id: string; type: string; status: string; name: string }

/** Where the editor stands with the server: nothing changed, changes not saved yet, or saved as the draft. */
type Saved = 'published' | 'unsaved' | 'draft'

/**
 * One playbook's editor: steps on the left, the step's form and template in the middle, the
 * live preview on a chosen workflow on the right; check, publish with a note, and the versions
 * with their differences from the published one.
 */
export function PlaybookEditor({ id }: { id: string }) {
  const service = useSession((s) => s.service)
  const [loaded, setLoaded] = useState<PlaybookResponse | null>(null)
  const [body, setBody] = useState<PlaybookBody | null>(null)
  const [saved, setSaved] = useState<Saved>('published')
  const [selected, setSelected] = useState(0)
  const [check, setCheck] = useState<CheckResponse | null>(null)
  const [publishProblems, setPublishProblems] = useState<Problem[] | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<{ message: string; offline: boolean } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')

  const apply = (answer: PlaybookResponse) => {
    setLoaded(answer)
    setBody(answer.draft ?? answer.published)
    setSaved(answer.draft ? 'draft' : 'published')
  }
  const load = useCallback(
    () => (service ? service.playbook(id).then(apply, (e: unknown) => setError(describeError(e))) : Promise.resolve()),
    [service, id],
  )
  useEffect(() => {
    service?.playbook(id).then(apply, (e: unknown) => setError(describeError(e)))
  }, [service, id])

  const change = (next: PlaybookBody) => {
    setBody(next)
    setSaved('unsaved')
    setStatus(null)
  }

  const save = async (): Promise<boolean> => {
    if (!service || !body) return false
    setError(null)
    setFields({})
    try {
      await service.saveDraft(body)
      setSaved('draft')
      setStatus('Draft saved.')
      return true
    } catch (e) {
      if (e instanceof ApiFailure && Object.keys(e.fields).length) setFields(e.fields)
      else setError(describeError(e))
      return false
    }
  }

  const runCheck = async () => {
    if (!service || !body || !(await save())) return
    setBusy(true)
    setStatus('Checking every template over the book…')
    try {
      const answer = await service.checkDraft(body.id)
      setCheck(answer)
      setPublishProblems(null)
      setStatus(
        answer.ok
          ? `Check passed: ${answer.renders} renders over ${answer.workflows} workflows.`
          : `The check found ${answer.problems.length} problem(s).`,
      )
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const publish = async () => {
    if (!service || !body || (saved === 'unsaved' && !(await save()))) return
    setBusy(true)
    setStatus('Checking and publishing…')
    try {
      const answer = await service.publishPlaybook(body.id, note)
      setNote('')
      setCheck(null)
      setPublishProblems(null)
      await load()
      setStatus(
        `Published as version ${answer.version}. ${answer.moved} pending workflow(s) moved to it; workflows begun stay on theirs.`,
      )
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'PLAYBOOK_INVALID') {
        setPublishProblems((e.details.problems as Problem[]) ?? [])
        setStatus('Not published: fix the problems below first.')
      } else setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const discard = async () => {
    if (!service || !body) return
    try {
      await service.discardDraft(body.id)
      setCheck(null)
      await load()
      setStatus('Draft discarded: the editor shows the published version.')
    } catch (e) {
      setError(describeError(e))
    }
  }

  // Ctrl+S or ⌘S saves the draft, wherever the focus is on this screen.
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        void saveRef.current()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const problems = publishProblems ?? check?.problems ?? []
  if (error && !body) return <ErrorNotice error={error} />
  if (!body || !loaded || !service) return <p role="status">Loading the playbook…</p>

  const step = body.steps[selected] ?? body.steps[0]!
  const publishedIds = new Set(loaded.published?.steps.map((s) => s.id) ?? [])
  const stepProblems = (stepId: string) => problems.filter((p) => p.stepId === stepId)
  const setStep = (next: typeof step) =>
    change({ ...body, steps: body.steps.map((s, i) => (i === selected ? next : s)) })

  return (
    <main className="playbook-editor">
      <p>
        <a href="#/playbooks">All playbooks</a>
      </p>
      <h1>{body.name}</h1>
      <p className="muted">
        {loaded.published ? `Version ${loaded.versions[0]?.version} is published.` : 'Not published yet.'}{' '}
        {saved === 'unsaved' ? 'Changes not saved.' : saved === 'draft' ? 'Editing the draft.' : ''}
      </p>
      <div className="scale-row">
        <label className="field">
          <span>Name</span>
          <input value={body.name} onChange={(e) => change({ ...body, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Title shown on the workflow</span>
          <input value={body.title} onChange={(e) => change({ ...body, title: e.target.value })} />
        </label>
      </div>
      <div className="playbook-layout">
        <nav aria-label="Steps" className="playbook-steps">
          <h2>Steps</h2>
          <ol>
            {body.steps.map((s, i) => (
              <li key={`${i}-${s.id}`} className={i === selected ? 'selected' : undefined}>
                <button type="button" aria-current={i === selected ? 'step' : undefined} onClick={() => setSelected(i)}>
                  {i + 1}. {s.name}
                  {stepProblems(s.id).length > 0 && (
                    <span className="field-error"> ({stepProblems(s.id).length} problem(s))</span>
                  )}
                </button>
              </li>
            ))}
          </ol>
          <div className="form-buttons">
            <button
              type="button"
              onClick={() => {
                change({ ...body, steps: [...body.steps, newStep(body.steps)] })
                setSelected(body.steps.length)
              }}
            >
              Add a step
            </button>
            <button
              type="button"
              disabled={selected === 0}
              onClick={() => (
                change({ ...body, steps: moveStep(body.steps, selected, -1) }),
                setSelected(selected - 1)
              )}
            >
              Move up
            </button>
            <button
              type="button"
              disabled={selected === body.steps.length - 1}
              onClick={() => (change({ ...body, steps: moveStep(body.steps, selected, 1) }), setSelected(selected + 1))}
            >
              Move down
            </button>
            <button
              type="button"
              disabled={body.steps.length === 1}
              onClick={() => {
                change({ ...body, steps: body.steps.filter((_, i) => i !== selected) })
                setSelected(Math.max(0, selected - 1))
              }}
            >
              Remove {step.name}
            </button>
          </div>
        </nav>
        <section aria-label="Step" className="playbook-step">
          <StepEditor
            key={selected}
            step={step}
            isNew={!publishedIds.has(step.id)}
            problems={stepProblems(step.id)}
            onChange={setStep}
          />
        </section>
        <Preview body={body} stepId={step.id} />
      </div>
      <FieldErrors fields={fields} />
      {error && <ErrorNotice error={error} />}
      {status && (
        <p role="status" className="notice">
          {status}
        </p>
      )}
      {problems.length > 0 && <ProblemList problems={problems} body={body} onSelect={setSelected} />}
      <div className="form-buttons playbook-actions">
        <button type="button" onClick={() => void save()} disabled={saved !== 'unsaved'}>
          Save draft
        </button>
        <button type="button" onClick={() => void runCheck()} disabled={busy}>
          Check over the book
        </button>
        {saved !== 'published' && loaded.published && (
          <button type="button" onClick={() => void discard()}>
            Discard the draft
          </button>
        )}
        <label className="field">
          <span>Note for this version</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy || saved === 'published'}
          onClick={() => void publish()}
        >
          Publish as version {(loaded.versions[0]?.version ?? 0) + 1}
        </button>
      </div>
      <Versions id={body.id} loaded={loaded} current={body} onRolledBack={load} />
    </main>
  )
}

/** The check's problems, each naming its step and line; choosing one opens its step. */
function ProblemList(props: { problems: readonly Problem[]; body: PlaybookBody; onSelect: (index: number) => void }) {
  return (
    <section aria-label="Check results" className="check-results">
      <h2>Problems to fix before publishing</h2>
      <ul>
        {props.problems.map((p, i) => {
          const index = props.body.steps.findIndex((s) => s.id === p.stepId)
          const name = props.body.steps[index]?.name ?? p.stepId ?? 'The playbook'
          return (
            <li key={i}>
              <button type="button" className="link" disabled={index < 0} onClick={() => props.onSelect(index)}>
                {name}
                {p.line !== null ? `, line ${p.line}` : ''}
              </button>
              : {p.message}
              {p.workflowId && <span className="muted"> (first on workflow {p.workflowId})</span>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** The selected step rendered for a real workflow, a moment after the last change. */
function Preview({ body, stepId }: { body: PlaybookBody; stepId: string }) {
  const service = useSession((s) => s.service)
  const [search, setSearch] = useState('')
  const [targets, setTargets] = useState<Target[]>([])
  const [target, setTarget] = useState<string>('')
  const [steps, setSteps] = useState<PreviewStep[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const asked = useRef(0)

  useEffect(() => {
    if (!service) return
    const timer = setTimeout(() => {
      service.previewTargets(body.id, search).then(
        (found) => {
          setTargets(found)
          setTarget((current) => (found.some((t) => t.id === current) ? current : (found[0]?.id ?? '')))
        },
        () => setTargets([]),
      )
    }, 200)
    return () => clearTimeout(timer)
  }, [service, body.id, search])

  useEffect(() => {
    if (!service || !target) return
    const ask = ++asked.current
    const timer = setTimeout(() => {
      service.previewDraft(body, target).then(
        (answer) => {
          if (ask !== asked.current) return
          setSteps(answer)
          setProblem(null)
        },
        (e: unknown) => ask === asked.current && setProblem(describeError(e).message),
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [service, body, target])

  const shown = steps?.find((s) => s.id === stepId)
  const html = useMemo(() => (shown?.html ? DOMPurify.sanitize(shown.html) : ''), [shown])
  return (
    <section aria-label="Preview" className="playbook-preview">
      <h2>Preview</h2>
      <label className="field">
        <span>Find an account</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <label className="field">
        <span>Preview on</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.type}, {t.status.replace('_', ' ')})
            </option>
          ))}
        </select>
      </label>
      {problem && <p className="field-error">{problem}</p>}
      {shown?.error && (
        <p className="field-error">
          {shown.error.line !== null && `Line ${shown.error.line}: `}
          {shown.error.message}
        </p>
      )}
      {shown?.html !== null && shown !== undefined && (
        <>
          <div className="rendered" dangerouslySetInnerHTML={{ __html: html }} />
          {shown.missing.length > 0 && (
            <p className="field-error">Missing for this account: {shown.missing.join(', ')}</p>
          )}
        </>
      )}
      {!targets.length && <p className="muted">No open workflow matches.</p>}
    </section>
  )
}

/** The published versions, newest first; each compared with the published one, and any older one restored. */
function Versions(props: {
  id: string
  loaded: PlaybookResponse
  current: PlaybookBody
  onRolledBack: () => Promise<void>
}) {
  const service = useSession((s) => s.service)
  const [compared, setCompared] = useState<{ label: string; from: PlaybookBody; to: PlaybookBody } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const published = props.loaded.published
  const publishedVersion = props.loaded.versions[0]?.version
  if (!props.loaded.versions.length) return null

  const compare = async (version: number) => {
    if (!service || !published) return
    try {
      const body = await service.playbookVersion(props.id, version)
      setCompared({
        label: `From version ${version} to the published version ${publishedVersion}`,
        from: body,
        to: published,
      })
    } catch (e) {
      setError(describeError(e).message)
    }
  }
  const rollback = async (version: number) => {
    if (!service) return
    try {
      const answer = await service.rollbackPlaybook(props.id, version)
      setCompared(null)
      await props.onRolledBack()
      setError(`Version ${version} is published again, as version ${answer.version}.`)
    } catch (e) {
      setError(describeError(e).message)
    }
  }
  return (
    <section aria-label="Versions" className="playbook-versions">
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Note</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.loaded.versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                {v.version}
                {v.version === publishedVersion ? ' (published)' : ''}
              </th>
              <td>{new Date(v.publishedAt).toLocaleString()}</td>
              <td>{v.publishedBy}</td>
              <td>{v.note}</td>
              <td>
                {v.version !== publishedVersion && (
                  <>
                    <button type="button" onClick={() => void compare(v.version)}>
                      Compare version {v.version}
                    </button>
                    <button type="button" onClick={() => void rollback(v.version)}>
                      Roll back to version {v.version}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {published && (
        <button
          type="button"
          onClick={() =>
            setCompared({ label: 'From the published version to this draft', from: published, to: props.current })
          }
        >
          Compare this draft with the published version
        </button>
      )}
      {error && <p role="status">{error}</p>}
      {compared && <Diff {...compared} />}
    </section>
  )
}

function Diff({ label, from, to }: { label: string; from: PlaybookBody; to: PlaybookBody }) {
  const lines = changesOnly(diffLines(playbookLines(from), playbookLines(to)))
  return (
    <figure className="playbook-diff">
      <figcaption>{label}</figcaption>
      {lines.every((l) => l.kind === 'fold') ? (
        <p>No differences.</p>
      ) : (
        <pre>
          {lines.map((line, i) =>
            line.kind === 'fold' ? (
              <span key={i} className="diff-fold">
                {`  … ${line.count} unchanged line(s)\n`}
              </span>
            ) : line.kind === 'same' ? (
              <span key={i}>{`  ${line.text}\n`}</span>
            ) : line.kind === 'added' ? (
              <ins key={i}>{`+ ${line.text}\n`}</ins>
            ) : (
              <del key={i}>{`- ${line.text}\n`}</del>
            ),
          )}
        </pre>
      )}
    </figure>
  )
}
