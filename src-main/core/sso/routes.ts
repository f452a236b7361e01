import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ApiEnv } from '../api/env'
import { jsonOnlyText, parseJsonText } from '../api/bodies'
import { ApiError } from '../api/errors'
import type { Accounts } from '../auth/accounts'
import { SIGN_IN_COOKIE, deskRedirect, type SingleSignOn } from './sign-in'
import type { SignInMethods } from './types'

/** Nothing of a sign-in answer is cached or sent on as a referrer. */
function navigation(c: Context<ApiEnv>, location: string, cookie: string) {
  c.header('Set-Cookie', cookie)
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  return c.redirect(location, 302)
}

/**
 * The sign-in methods and single sign-on, before any token: what the sign-in screen may offer,
 * the start and callback of the provider's flow, and the trade of a one-time code for a token.
 */
export function addSignInRoutes(
  api: Hono<ApiEnv>,
  sso: SingleSignOn | null,
  accounts: Accounts,
  address: (c: Context<ApiEnv>) => string,
): void {
  api.get('/auth/methods', (c) =>
    c.json({
      success: true,
      password: accounts.passwordSignIn,
      sso: sso && { name: sso.settings.name, start: '/api/auth/oidc/start' },
    } satisfies SignInMethods),
  )
  const configured = () => {
    if (!sso)
      throw new ApiError('NOT_FOUND', 'Single sign-on is not set up on this team server; sign in with a password')
    return sso
  }
  const origin = (c: Context<ApiEnv>) => new URL(c.req.url).origin
  api.get('/auth/oidc/start', async (c) => {
    const sso = configured()
    const { challenge, redirect, state } = c.req.query()
    const deskAt = redirect === undefined ? null : deskRedirect(redirect)
    try {
      const { location, cookie } = await sso.start({ challenge, redirect, state }, origin(c))
      return navigation(c, location, cookie)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      // A person is looking at this page: the refusal goes back to the app that asked, in words.
      const query = new URLSearchParams({ error: error.code, message: error.message })
      return navigation(c, deskAt ? `${deskAt}?${query}` : `/#/sso?${query}`, sso.clearCookie(origin(c)))
    }
  })
  api.get('/auth/oidc/callback', async (c) => {
    const sso = configured()
    const location = await sso.callback(new URL(c.req.url), getCookie(c, SIGN_IN_COOKIE), address(c))
    return navigation(c, location, sso.clearCookie(origin(c)))
  })
  api.post('/auth/oidc/token', async (c) =>
    c.json(await configured().exchange(parseJsonText(await jsonOnlyText(c)), address(c))),
  )
}
