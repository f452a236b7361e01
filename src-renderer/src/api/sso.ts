/** Where this tab keeps its PKCE verifier while the browser is away at the provider. */
const VERIFIER_KEY = 'csmdesk.sso-verifier'

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** The S256 challenge of a PKCE verifier (RFC 7636, 4.2). */
export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
}

/** A PKCE pair (S256): the verifier stays in this tab, the challenge goes with the sign-in. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  return { verifier, challenge: await challengeOf(verifier) }
}

/** Leaves for the team server's single sign-on; the answer comes back to #/sso. */
export async function leaveForSso(start: string): Promise<void> {
  if (!crypto.subtle) throw new Error('Single sign-on needs this page to be served over https.')
  const { verifier, challenge } = await pkcePair()
  sessionStorage.setItem(VERIFIER_KEY, verifier)
  window.location.assign(`${start}?${new URLSearchParams({ challenge })}`)
}

/**
 * The team server's answer at #/sso: a one-time code with this tab's verifier (each used once),
 * or a refusal in words. The address bar goes back to the app's home either way.
 */
export function ssoAnswerFromLocation(): { code: string; verifier: string } | { error: string } | null {
  const hash = window.location.hash
  if (!hash.startsWith('#/sso?')) return null
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`)
  const answer = new URLSearchParams(hash.slice('#/sso?'.length))
  const verifier = sessionStorage.getItem(VERIFIER_KEY)
  sessionStorage.removeItem(VERIFIER_KEY)
  const code = answer.get('code')
  if (code && verifier) return { code, verifier }
  return {
    error:
      answer.get('message') ??
      (code ? 'This sign-in was started in another tab or window; sign in again here.' : 'Signing in did not finish.'),
  }
}
