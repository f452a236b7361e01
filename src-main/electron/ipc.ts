import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { signToken } from '../core/api/auth'
import type { DeskCore as Core } from '../core'
import { ApiError } from '../core/api/errors'
import type { ApiResponse, DeskEvent } from '../../src-preload/bridge'
import { BadIpcRequest, isAppUrl, parseIpcRequest } from './policy'
import type { DesktopSession } from './session'

export const API_CHANNEL = 'desk:api'
export const EVENT_CHANNEL = 'desk:event'

/**
 * The one IPC entry point: checks the sender frame is the app's own, checks the message, and
 * hands it to the core's router as a Request signed for the signed-in user. The renderer never
 * sees a token.
 */
export function registerApi(core: Core, session: DesktopSession, localSecret: string, devServerUrl?: string): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResponse> => {
    if (!isAppUrl(event.senderFrame?.url, devServerUrl)) throw new BadIpcRequest('the sender is not the app')
    const request = parseIpcRequest(payload)
    if (request.path === '/session' || request.path.startsWith('/session/')) {
      const answer = await session.handle(request.method, request.path, request.body)
      if (answer.status === 200 && request.method === 'POST') await connectSync(core, session)
      return answer
    }
    // parseIpcRequest has made the path canonical (no %, no dot segments), so these cannot be dodged.
    if (request.method === 'POST' && request.path === '/sync/config') return configureSync(core, session, request.body)
    if (request.method === 'POST' && request.path === '/sync/sign-out') return signOutOfSync(core, session)
    if (request.method === 'POST' && request.path === '/auth/password')
      return changePassword(core, session, request.body)
    const token = signToken(session.current(), localSecret, { expiresInSeconds: 300 })
    const query = request.query ? `?${new URLSearchParams(request.query)}` : ''
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${request.path}${query}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': request.file === undefined ? 'application/json' : 'text/plain; charset=utf-8',
        },
        body: request.file ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
      }),
    )
    const body = (await response.json()) as Record<string, unknown>
    // The desktop is one CSM's desk: main connects it (configureSync), whatever the core's router would say.
    if (request.path === '/sync/status' && body.configured === false)
      return { status: 200, body: { ...body, canConnect: true, why: undefined } }
    return { status: response.status, body }
  })
}

/**
 * In the desktop app the server token is kept with safeStorage (by the session), never in the
 * database: main connects the core's sync with it at start and after every sign-in.
 */
export async function connectSync(core: Core, session: DesktopSession): Promise<void> {
  const serverUrl = core.store.syncValue('serverUrl')
  const token = await session.token()
  if (serverUrl && token) {
    try {
      core.sync.configure(serverUrl, token)
    } catch {
      // A token for another CSM than this database syncs for: the settings screen says so on connect.
    }
  } else if (!token) core.sync.signOut()
}

/** Connects once the server vouched for the token, which then goes to safeStorage, never to the database. */
async function configureSync(core: Core, session: DesktopSession, body: unknown): Promise<ApiResponse> {
  const { serverUrl, token, discardDemo } = (body ?? {}) as {
    serverUrl?: unknown
    token?: unknown
    discardDemo?: unknown
  }
  try {
    const user = await core.sync.connect(String(serverUrl ?? ''), String(token ?? '').trim(), {
      discardDemo: discardDemo === true,
    })
    await session.adopt(String(token).trim(), user)
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() }
    throw error
  }
  return { status: 200, body: { success: true, ...(await core.sync.engine!.sync()) } }
}

/** The password changes on the team server; its new token goes to safeStorage, never to the renderer. */
async function changePassword(core: Core, session: DesktopSession, body: unknown): Promise<ApiResponse> {
  try {
    const { token } = await core.sync.changePassword(session.current(), body)
    await session.adopt(token, session.current())
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() }
    throw error
  }
  return { status: 200, body: { success: true } }
}

/** Main signs the sync engine out itself: after the session resets, the core would refuse the new user. */
async function signOutOfSync(core: Core, session: DesktopSession): Promise<ApiResponse> {
  core.sync.signOut(session.current())
  await session.signOut()
  const status = core.sync.engine?.status() ?? { configured: false }
  return { status: 200, body: { success: true, ...status } }
}

/** Pushes an event to the renderer; the preload hands listeners the payload, never the IPC event. */
export function sendEvent(window: BrowserWindow | null, event: DeskEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
}
