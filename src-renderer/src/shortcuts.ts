import { useEffect, useLayoutEffect, useRef } from 'react'

export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '/', what: 'Search the queue' },
  { keys: 'j / ↓', what: 'Next workflow' },
  { keys: 'k / ↑', what: 'Previous workflow' },
  { keys: 'Enter', what: 'Open the selected workflow' },
  { keys: 'r', what: 'Reload the queue' },
  { keys: 'u', what: 'Overdue and Emergency first (on or off)' },
  { keys: 't', what: 'Tasks' },
  { keys: 'x', what: 'Mark the selected task done or open' },
  { keys: 'n', what: 'New task (on Tasks)' },
  { keys: 's', what: 'Start the open workflow' },
  { keys: 'f', what: "Change the open workflow's renewal forecast" },
  { keys: 'Ctrl+Enter', what: 'Complete the step (or workflow) in the form' },
  { keys: 'Esc', what: 'Back to the queue' },
  { keys: '?', what: 'Show these shortcuts' },
]

/** Inputs that take no text: a key pressed on them is still a shortcut (Esc from a focused decision goes back). */
const NOT_TEXT = new Set(['radio', 'checkbox', 'button', 'submit', 'reset'])

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element) return false
  const tag = element.tagName
  if (tag === 'INPUT') return !NOT_TEXT.has((element as HTMLInputElement).type)
  return tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable
}

/** Single-key shortcuts that stay out of the way while the CSM types in a field. */
export function useShortcuts(bindings: Record<string, () => unknown>): void {
  const current = useRef(bindings)
  useLayoutEffect(() => {
    current.current = bindings
  })
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return
      // A modal dialog (the shortcuts list) owns the keyboard: Esc closes it and nothing else.
      if (document.querySelector('dialog[open]')) return
      const action = current.current[event.key]
      if (!action) return
      if (event.key === 'Enter' && (event.target as HTMLElement | null)?.closest('button, a')) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
