import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { signToken } from '../core/api/auth'
import type { Core } from '../core'
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
      return session.handle(request.method, request.path, request.body)
    }
    const token = signToken(session.current(), localSecret, { expiresInSeconds: 300 })
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${request.path}`, {
        method: request.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      }),
    )
    return { status: response.status, body: await response.json() }
  })
}

/** Pushes an event to the renderer; the preload hands listeners the payload, never the IPC event. */
export function sendEvent(window: BrowserWindow | null, event: DeskEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
}
