import type { ReactNode } from 'react'

/** The API's VALIDATION_ERROR fields, as a list a screen reader announces. */
export function FieldErrors({ fields }: { fields: Record<string, string> }) {
  const entries = Object.entries(fields)
  if (entries.length === 0) return null
  return (
    <ul className="field-errors" aria-label="Problems to fix">
      {entries.map(([field, problem]) => (
        <li key={field}>
          <code>{field}</code> {problem}
        </li>
      ))}
    </ul>
  )
}

export function fieldError(fields: Record<string, string>, name: string): ReactNode {
  return fields[name] ? <span className="field-error">{fields[name]}</span> : null
}
