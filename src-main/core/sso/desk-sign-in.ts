import { createHash, randomBytes } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiError, ERROR_STATUS, type ErrorCode } from '../api/errors'
import { NetworkError, Remote } from '../sync/remote'

/** How long the person has to finish signing in in their browser. */
export const BROWSER_MINUTES = 5

const page = (title: string, text: string) => {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; line-height: 1.5">
<h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`
}

function answer(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  })
  response.end(page(title, text))
}

/**
 * A desk signs in at its team server through the system browser (RFC 8252): a PKCE pair of its
 * own, a one-off loopback listener for the answer, and the team server's one-time code traded
 * with the verifier. `open` shows the person the start URL: Electron opens the browser, the
 * headless host prints it. Answers the app token and whom it names, as a password sign-in does.
 */
export async function deskSignIn(
  serverUrl: string,
  open: (url: string) => void | Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<{ token: string }> {
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const state = randomBytes(24).toString('base64url')
  const listener = createServer()
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject)
    listener.listen(0, '127.0.0.1', resolve)
  })
  let timer: NodeJS.Timeout | undefined
  try {
    const redirect = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`
    const code = new Promise<string>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError(
              'UNAUTHORIZED',
              `Signing in in the browser did not finish within ${BROWSER_MINUTES} minutes; try again`,
            ),
          ),
        options.timeoutMs ?? BROWSER_MINUTES * 60_000,
      )
      listener.on('request', (request, response) => {
        const url = new URL(request.url ?? '/', redirect)
        // Anything but the answer to this sign-in (a stray page, another state) is not it: keep waiting.
        if (url.pathname !== '/callback' || url.searchParams.get('state') !== state)
          return answer(
            response,
            404,
            'Not this sign-in',
            'This page does not belong to the sign-in CSM Desk is waiting for.',
          )
        clearTimeout(timer)
        const error = url.searchParams.get('error')
        if (error) {
          const message = url.searchParams.get('message') ?? 'The team server refused the sign-in'
          answer(response, 200, 'You are not signed in', message)
          const known = error in ERROR_STATUS ? (error as ErrorCode) : 'UNAUTHORIZED'
          return reject(new ApiError(known, message))
        }
        answer(response, 200, 'You are signed in to CSM Desk', 'You can close this tab and go back to the app.')
        resolve(url.searchParams.get('code') ?? '')
      })
    })
    void code.catch(() => undefined) // awaited below; a failing `open` must not leave it unhandled
    const start = new URL(`${serverUrl}/auth/oidc/start`)
    start.search = new URLSearchParams({ challenge, redirect, state }).toString()
    await open(start.href)
    const given = await code
    let traded
    try {
      traded = await new Remote(serverUrl, () => null).request('POST', '/auth/oidc/token', {
        body: { code: given, verifier },
      })
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      throw new ApiError('SERVER_UNREACHABLE', `${error.message}; sign in again when it is reachable`)
    }
    const body = traded.body as { token?: unknown; error?: { code?: string; message?: string } } | undefined
    if (traded.status !== 200 || typeof body?.token !== 'string')
      throw new ApiError(
        'UNAUTHORIZED',
        body?.error?.message ?? `The team server refused the sign-in (${traded.status})`,
      )
    return { token: body.token }
  } finally {
    clearTimeout(timer)
    listener.close()
    listener.closeAllConnections()
  }
}
