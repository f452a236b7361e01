import { useEffect, useState, type ReactNode } from 'react'

/** Code loaded on demand, remembered once loaded so later renders use it at once. */
export interface Loadable<T> {
  load(): Promise<T>
  current: T | null
}

export function loadable<T>(importer: () => Promise<T>): Loadable<T> {
  let pending: Promise<T> | null = null
  const result: Loadable<T> = {
    current: null,
    load: () =>
      (pending ??= importer().then((module) => (result.current = module))).catch((error: unknown) => {
        pending = null // a failed download may succeed on the next try
        throw error
      }),
  }
  return result
}

/**
 * Renders with the module once it is loaded: at once when it already is (no Suspense, whose
 * fallback React holds for 300 ms), after a short "Loading…" when it is not.
 */
export function Loaded<T>({ module, children }: { module: Loadable<T>; children: (module: T) => ReactNode }) {
  const [, loaded] = useState(0)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!module.current)
      module.load().then(
        () => loaded((n) => n + 1),
        () => setFailed(true),
      )
  }, [module])
  if (module.current) return children(module.current)
  return (
    <p className={failed ? 'notice error' : 'loading'} role={failed ? 'alert' : 'status'}>
      {failed ? 'This screen could not be loaded. Check the connection and reload.' : 'Loading…'}
    </p>
  )
}
