import { create } from 'zustand'
import type { MeResponse } from '../../../src-main/core/api/types'
import { httpTransport, ipcTransport, OfflineError, whenUnauthorized, type Transport } from '../api/transport'
import { ApiFailure, WorkflowService } from '../api/workflow-service'
import { useQueue } from './queue'
import { TOKEN_KEY, tokenFromLocation } from '../api/early'
import { leaveForSso, ssoAnswerFromLocation } from '../api/sso'
import type { SignInMethods } from '../../../src-main/core/sso/types'

type User = MeResponse['user']

interface SessionState {
  status: 'starting' | 'signed-out' | 'signed-in'
  user: User | null
  service: WorkflowService | null
  /** The same transport the service uses, for the host's own endpoints (sync, settings). */
  transport: Transport | null
  error: string | null
  /** Something the desktop app wants the user to know about their sign-in. */
  notice: string | null
  /** Desktop on Linux without a keyring: whether the sign-in is kept on disk anyway (the user's choice). */
  keyring: { missing: boolean; keepAnyway: boolean }
  setKeepWithoutKeyring(keep: boolean): Promise<void>
  /** In a browser: a token from #token=..., or the one kept for this tab. */
  start(): Promise<void>
  signIn(token: string): Promise<void>
  /**
   * Email and password: against this host in a browser, against the team server (serverUrl) in
   * the desktop app. With newPassword, a temporary password is replaced on the way in.
   */
  login(
    email: string,
    password: string,
    options?: { serverUrl?: string; discardDemo?: boolean; newPassword?: string },
  ): Promise<void>
  /** What this host's sign-in offers (a browser): passwords for whom, and single sign-on. */
  methods: SignInMethods | null
  loadMethods(): Promise<void>
  /**
   * Single sign-on: in a browser, this tab goes to the provider and comes back signed in; in the
   * desktop app, main opens the system browser and waits for the answer.
   */
  signInWithSso(options?: { serverUrl?: string; discardDemo?: boolean }): Promise<void>
  /** The password signed in with is temporary: the sign-in form asks for the user's own. */
  passwordChange: boolean
  /** Where the last error belongs: a field of the sign-in or password form. */
  errorField: string | null
  /** The signed-in user sets their own password; their other sign-ins end, this one goes on. */
  changePassword(
    currentPassword: string,
    newPassword: string,
  ): Promise<{ ok: true } | { ok: false; field: string | null; message: string }>
  /** The desktop app's sign-in found work in the demo book: it asks before removing it. */
  demoWork: boolean
  signOut(): void
  /** A request answered 401: the token no longer counts, so the app asks to sign in again. */
  expired(): void
}

interface ErrorBody {
  code?: string
  message?: string
  details?: { fields?: Record<string, string> }
}

function firstField(error: ErrorBody | undefined): string | null {
  return failureOf(error, 0).field
}

/** A refusal in words, with the field it concerns: the field's own message when it names one. */
function failureOf(error: ErrorBody | undefined, status: number): { field: string | null; message: string } {
  const [field, problem] = Object.entries(error?.details?.fields ?? {})[0] ?? []
  return {
    field: field ?? null,
    message:
      field && problem ? `${FIELD_NAMES[field] ?? field} ${problem}.` : (error?.message ?? `Failed (${status}).`),
  }
}

const FIELD_NAMES: Record<string, string> = {
  currentPassword: 'Your current password',
  newPassword: 'The new password',
}

/** A JSON POST to this host, answered as ok with its body, or as a message and the field it concerns. */
async function post(
  path: string,
  body: unknown,
  token?: string,
): Promise<{ ok: true; body: unknown } | { ok: false; message: string; field: string | null }> {
  let answer: Response
  try {
    answer = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    })
  } catch {
    return { ok: false, message: new OfflineError().message, field: null }
  }
  const json = (await answer.json().catch(() => ({}))) as { error?: ErrorBody }
  if (answer.ok) return { ok: true, body: json }
  return { ok: false, ...failureOf(json.error, answer.status) }
}

/**
 * The desktop app signs in through main (POST /session): null when it did, else what the sign-in
 * form shows (the message, the field it concerns, whether the demo book holds work).
 */
async function deskSignIn(body: Record<string, unknown>) {
  const answer = await window.desk!.request({ method: 'POST', path: '/session', body })
  if (answer.status === 200) return null
  const error = (answer.body as { error?: ErrorBody }).error
  const shown = {
    error: error?.message ?? 'Signing in failed.',
    errorField: firstField(error),
    demoWork: error?.code === 'DEMO_HAS_WORK',
  }
  return { shown, code: error?.code }
}

/** The business day the host answers in, as /me said at sign-in. */
export let businessToday = new Date().toISOString().slice(0, 10)

async function connect(service: WorkflowService): Promise<User> {
  const me = await service.me()
  if (me.today) businessToday = me.today
  return me.user
}

function describe(error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'UNAUTHORIZED')
    return `That token was not accepted: ${error.message}`
  if (error instanceof ApiFailure || error instanceof OfflineError) return error.message
  return 'Signing in failed unexpectedly. Try again.'
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'starting',
  user: null,
  service: null,
  transport: null,
  error: null,
  notice: null,
  keyring: { missing: false, keepAnyway: false },

  async start() {
    if (window.desk) {
      // Electron: the main process holds the token; the renderer never sees it.
      const bridge = window.desk
      const transport = ipcTransport(bridge)
      const service = new WorkflowService(transport)
      try {
        const session = (await bridge.request({ method: 'GET', path: '/session' })).body as {
          user?: { id?: string }
          notice?: string | null
          warning?: string | null
          noKeyring?: boolean
          keepWithoutKeyring?: boolean
        }
        if (session.user?.id) useQueue.getState().prefetch(service, session.user.id)
        const user = await connect(service)
        await useQueue.getState().load(service, user.id) // the first paint has the queue in it
        set({
          status: 'signed-in',
          service,
          transport,
          user,
          error: null,
          notice: session.notice ?? session.warning ?? null,
          keyring: { missing: !!session.noKeyring, keepAnyway: !!session.keepWithoutKeyring },
        })
      } catch (error) {
        set({ status: 'signed-out', error: describe(error) })
      }
      return
    }
    const sso = ssoAnswerFromLocation()
    if (sso && 'error' in sso) return set({ status: 'signed-out', error: sso.error })
    if (sso) {
      const answer = await post('/api/auth/oidc/token', sso)
      if (!answer.ok) return set({ status: 'signed-out', error: answer.message })
      return get().signIn((answer.body as { token: string }).token)
    }
    const token = tokenFromLocation()
    if (token) await get().signIn(token)
    else set({ status: 'signed-out' })
  },

  methods: null,
  async loadMethods() {
    if (window.desk) return
    try {
      const answer = await fetch('/api/auth/methods')
      if (answer.ok) set({ methods: (await answer.json()) as SignInMethods })
    } catch {
      // Offline: the password form stays, and says so when it is used.
    }
  },

  async signInWithSso({ serverUrl, discardDemo = false } = {}) {
    if (window.desk) {
      const refused = await deskSignIn({ sso: true, serverUrl: serverUrl?.trim(), discardDemo })
      if (refused) return set(refused.shown)
      set({ status: 'starting', error: null, errorField: null, demoWork: false })
      return get().start()
    }
    const start = get().methods?.sso?.start
    if (!start) return set({ error: 'Single sign-on is not set up on this server.' })
    try {
      await leaveForSso(start)
    } catch (error) {
      set({ error: (error as Error).message })
    }
  },

  async signIn(token) {
    if (window.desk) {
      // Electron: main checks and stores the token (encrypted); the renderer keeps nothing.
      const answer = await window.desk.request({ method: 'POST', path: '/session', body: { token: token.trim() } })
      if (answer.status !== 200) {
        set({ error: (answer.body as { error?: { message?: string } }).error?.message ?? 'Signing in failed.' })
        return
      }
      set({ status: 'starting', error: null })
      return get().start()
    }
    const transport = httpTransport(token.trim())
    const service = new WorkflowService(transport)
    try {
      const user = await connect(service)
      sessionStorage.setItem(TOKEN_KEY, token.trim())
      await useQueue.getState().load(service, user.id) // the first paint has the queue in it
      set({ status: 'signed-in', service, transport, user, error: null })
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY)
      set({ status: 'signed-out', service: null, transport: null, user: null, error: describe(error) })
    }
  },

  demoWork: false,
  passwordChange: false,
  errorField: null,

  async login(email, password, { serverUrl, discardDemo = false, newPassword } = {}) {
    if (window.desk) {
      // Electron: main signs in at the team server and keeps the token (encrypted); never the password.
      const body = { serverUrl: serverUrl?.trim(), email: email.trim(), password, discardDemo, newPassword }
      const refused = await deskSignIn(body)
      if (refused)
        return set({
          ...refused.shown,
          passwordChange: refused.code === 'PASSWORD_CHANGE_REQUIRED' || (!!newPassword && get().passwordChange),
        })
      set({ status: 'starting', error: null, errorField: null, demoWork: false, passwordChange: false })
      return get().start()
    }
    const answer = await post('/api/auth/login', { email: email.trim(), password })
    if (!answer.ok) return set({ error: answer.message, errorField: null })
    const { token, mustChangePassword } = answer.body as { token: string; mustChangePassword?: boolean }
    if (!mustChangePassword) return get().signIn(token)
    if (!newPassword) return set({ passwordChange: true, error: null, errorField: null })
    const changed = await post('/api/auth/password', { currentPassword: password, newPassword }, token)
    if (!changed.ok) return set({ error: changed.message, errorField: changed.field })
    set({ passwordChange: false, error: null, errorField: null })
    return get().signIn((changed.body as { token: string }).token)
  },

  async changePassword(currentPassword, newPassword) {
    const transport = get().transport
    if (!transport) return { ok: false, field: null, message: 'Sign in first.' }
    let answer
    try {
      answer = await transport.request('POST', '/auth/password', { currentPassword, newPassword })
    } catch (error) {
      return { ok: false, field: null, message: describe(error) }
    }
    const body = answer.body as { token?: string; error?: ErrorBody }
    if (answer.status !== 200) return { ok: false, ...failureOf(body.error, answer.status) }
    // In a browser the answer carries this tab's new token; a desk keeps its own.
    if (body.token && !window.desk) {
      sessionStorage.setItem(TOKEN_KEY, body.token)
      const next = httpTransport(body.token)
      set({ transport: next, service: new WorkflowService(next) })
    }
    return { ok: true }
  },

  async setKeepWithoutKeyring(keep) {
    if (!window.desk) return
    const answer = await window.desk.request({ method: 'POST', path: '/session/keep-without-keyring', body: { keep } })
    if (answer.status === 200) set({ keyring: { missing: true, keepAnyway: keep } })
  },

  signOut() {
    if (window.desk) {
      void window.desk.request({ method: 'POST', path: '/session/sign-out' }).then(() => get().start())
      return
    }
    // The token ends on the server too, then here; then the provider's session, if it came from there.
    const transport = get().transport
    if (transport)
      void transport
        .request('POST', '/auth/logout')
        .then((answer) => {
          const next = (answer.body as { providerLogoutUrl?: unknown }).providerLogoutUrl
          if (typeof next === 'string' && /^https?:\/\//.test(next)) window.location.assign(next)
        })
        .catch(() => undefined)
    sessionStorage.removeItem(TOKEN_KEY)
    set({ status: 'signed-out', service: null, transport: null, user: null, error: null })
  },

  expired() {
    if (window.desk || get().status !== 'signed-in') return
    sessionStorage.removeItem(TOKEN_KEY)
    set({
      status: 'signed-out',
      service: null,
      transport: null,
      user: null,
      error: 'Your sign-in has ended (it expired or was signed out). Sign in again; your drafts are kept.',
    })
  },
}))

whenUnauthorized(() => useSession.getState().expired())
