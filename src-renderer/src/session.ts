const KEY = 'csmdesk.token'

/** Takes a token from #token=..., keeps it for this tab and removes it from the address bar. */
export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]!))
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(KEY)
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token)
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY)
}

/** The user a token names; its signature is the server's to check. */
export function userOf(token: string): { sub: string; email: string; role: string } | null {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')
    return JSON.parse(atob(payload))
  } catch {
    return null
  }
}
