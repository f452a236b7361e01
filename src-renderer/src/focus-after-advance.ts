import { useEffect } from 'react'
import { useWorkflow } from './stores/workflow'

/** The last start or completed step whose next form took the focus (one focus per advance). */
let focusedAfter = 0

/**
 * Right after a start or a completed step, the keyboard goes on in the form that mounts next:
 * the step's title scrolled into view, the focus on the first control `selector` names.
 */
export function useFocusAfterAdvance(selector: string): void {
  useEffect(() => {
    const advanced = useWorkflow.getState().advanced
    if (advanced === focusedAfter) return
    focusedAfter = advanced
    document.getElementById('step-title')?.scrollIntoView({ block: 'start' })
    document.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true })
  }, [selector])
}
