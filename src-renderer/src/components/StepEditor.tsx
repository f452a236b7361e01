import type { CheckResponse } from '../api/workflow-service'
import type { Step } from '../playbook-editing'
import { stepIdOf } from '../playbook-editing'
import { TemplateEditor } from './TemplateEditor'

type Problem = CheckResponse['problems'][number]

/**
 * One step of a playbook draft: its name and time, whether it may be skipped (and the reasons
 * offered), its decision's options, what it requires, and its template with the check's problems.
 */
export function StepEditor(props: {
  step: Step
  /** A step added in this draft may still change its id; a published one keeps it (recorded results name it). */
  isNew: boolean
  problems: readonly Problem[]
  onChange: (step: Step) => void
}) {
  const { step, onChange } = props
  const outputs = step.outputs
  const set = (next: Partial<Step>) => onChange({ ...step, ...next })
  const setOutputs = (next: Partial<Step['outputs']>) => set({ outputs: { ...outputs, ...next } })
  const options = outputs.decision.options
  const setOptions = (next: typeof options) => setOutputs({ decision: { ...outputs.decision, options: next } })

  return (
    <fieldset className="step-editor">
      <legend>Step: {step.name || step.id}</legend>
      <div className="scale-row">
        <label className="field">
          <span>Name</span>
          <input
            value={step.name}
            onChange={(e) => set({ name: e.target.value, ...(props.isNew ? { id: stepIdOf(e.target.value) } : {}) })}
          />
        </label>
        <label className="field compact">
          <span>Minutes</span>
          <input
            type="number"
            min={1}
            max={480}
            value={step.estimatedMinutes}
            onChange={(e) => set({ estimatedMinutes: Number(e.target.value) })}
          />
        </label>
      </div>
      <p className="muted">
        Id <code>{step.id}</code>
        {props.isNew ? ' (from its name)' : ' (kept: recorded steps name it)'}
      </p>
      <label className="check">
        <input type="checkbox" checked={step.skippable} onChange={(e) => set({ skippable: e.target.checked })} />
        May be skipped
      </label>
      {step.skippable && (
        <label className="field">
          <span>Skip reasons offered, one a line</span>
          <textarea
            rows={2}
            value={(step.skipReasons ?? []).join('\n')}
            onChange={(e) => {
              const reasons = e.target.value.split('\n')
              set({ skipReasons: reasons.some((r) => r.trim()) ? reasons : undefined })
            }}
            onBlur={() => set({ skipReasons: step.skipReasons?.map((r) => r.trim()).filter(Boolean) })}
          />
        </label>
      )}
      <fieldset>
        <legend>Decision options</legend>
        {options.map((option, i) => (
          <div className="scale-row" key={i}>
            <label className="field compact">
              <span>Value {i + 1}</span>
              <input
                value={option.value}
                onChange={(e) => setOptions(options.map((o, j) => (j === i ? { ...o, value: e.target.value } : o)))}
              />
            </label>
            <label className="field">
              <span>Label {i + 1}</span>
              <input
                value={option.label}
                onChange={(e) => setOptions(options.map((o, j) => (j === i ? { ...o, label: e.target.value } : o)))}
              />
            </label>
            <button
              type="button"
              disabled={options.length === 1}
              onClick={() => setOptions(options.filter((_, j) => j !== i))}
            >
              Remove {option.label || `option ${i + 1}`}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setOptions([...options, { value: `option-${options.length + 1}`, label: 'New option' }])}
        >
          Add an option
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={outputs.decision.required}
            onChange={(e) => setOutputs({ decision: { ...outputs.decision, required: e.target.checked } })}
          />
          A decision is required
        </label>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={outputs.notes.required}
          onChange={(e) => setOutputs({ notes: { required: e.target.checked } })}
        />
        Notes are required
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={outputs.nextActions}
          onChange={(e) => setOutputs({ nextActions: e.target.checked })}
        />
        Offers next actions
      </label>
      <h3 id={`template-of-${step.id}`}>Template</h3>
      <TemplateEditor
        label={`Template of ${step.name}`}
        value={step.template}
        onChange={(template) => set({ template })}
        problems={props.problems.filter((p) => p.line !== null || p.kind === 'template')}
      />
      {props.problems.length > 0 && (
        <ul className="field-errors" aria-label={`Problems in ${step.name}`}>
          {props.problems.map((p, i) => (
            <li key={i}>
              {p.line !== null && <strong>Line {p.line}: </strong>}
              {p.message}
              {p.workflowId && <span className="muted"> (first on workflow {p.workflowId})</span>}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}
