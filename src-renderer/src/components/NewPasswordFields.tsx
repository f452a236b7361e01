/** A new password typed twice, as the sign-in (a temporary password) and Settings ask for it. */
export function NewPasswordFields({
  value,
  repeat,
  onChange,
  onRepeat,
  invalid,
  autoFocus,
}: {
  value: string
  repeat: string
  onChange: (value: string) => void
  onRepeat: (value: string) => void
  invalid: boolean
  autoFocus?: boolean
}) {
  const mismatch = repeat !== '' && repeat !== value
  return (
    <>
      <label className="field">
        <span>New password (at least 12 characters)</span>
        <input
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
          autoFocus={autoFocus}
          aria-invalid={invalid}
        />
      </label>
      <label className="field">
        <span>Repeat the new password</span>
        <input
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
          required
          aria-invalid={mismatch}
        />
        {mismatch && <span className="field-error">The two new passwords differ.</span>}
      </label>
    </>
  )
}
