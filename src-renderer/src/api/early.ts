/**
 * Requests sent before the app has loaded (by boot.ts), and what the app needs to know the
 * signed-in user's token by then.
 */
export const TOKEN_KEY = 'csmdesk.token'

/** The token of a sign-in link (#token=...), kept for this tab and removed from the address bar. */
export function tokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!))
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/**
 * Who a token says it is, read without checking it: only to ask for that queue early. The
 * server checks the token on that request as on every other.
 */
export function subjectOf(token: string): string | null {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')
    const sub = (JSON.parse(atob(payload)) as { sub?: unknown }).sub
    return typeof sub === 'string' ? sub : null
  } catch {
    return null
  }
}

export interface EarlyAnswer {
  status: number
  body: unknown
}

const early = new Map<string, Promise<EarlyAnswer | null>>()

/** The answer to a GET sent at boot with this token, once; null when there is none (or it failed). */
export function takeEarly(token: string, path: string): Promise<EarlyAnswer | null> | null {
  const key = `${token} ${path}`
  const answer = early.get(key) ?? null
  early.delete(key)
  return answer
}

export function sendEarly(token: string, path: string): void {
  const answer = fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } })
    .then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }))
    .catch(() => null) // the app's own request tries again and reports the failure
  early.set(`${token} ${path}`, answer)
}
