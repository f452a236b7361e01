/**
 * The Electron app's security rules as plain functions (no electron import), so the test suite
 * checks each item of Electron's security checklist without an Electron binary.
 */
import { isLoopback } from '../core/loopback'
import type { ApiRequest } from '../../src-preload/bridge'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://desk'

/** Every window's webPreferences; security.ts refuses to create a window with anything looser. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const

function originOf(url: string | undefined | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` ? `${parsed.protocol}//${parsed.host}` : parsed.origin
  } catch {
    return null
  }
}

/** Whether a URL belongs to the app itself: app://desk, or the dev server in development. */
export function isAppUrl(url: string | undefined | null, devServerUrl?: string): boolean {
  const origin = originOf(url)
  if (!origin) return false
  return origin === APP_ORIGIN || (!!devServerUrl && origin === originOf(devServerUrl))
}

/** Only https and mailto links leave the app, and only to the system's browser or mail client. */
export function canOpenExternally(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'mailto:'
  } catch {
    return false
  }
}

/** A sign-in page for the system browser: https, or http on this computer (a team server there, as for sync). */
export function canOpenForSignIn(url: string): boolean {
  if (!URL.canParse(url)) return false
  const { protocol, hostname } = new URL(url)
  return protocol === 'https:' || (protocol === 'http:' && isLoopback(hostname))
}

export class BadIpcRequest extends Error {
  constructor(problem: string) {
    super(`Refused IPC request: ${problem}`)
    this.name = 'BadIpcRequest'
  }
}

const MAX_BODY_CHARS = 1024 * 1024

/** Checks the one message the renderer may send, before anything acts on it. */
export function parseIpcRequest(payload: unknown): ApiRequest {
  if (typeof payload !== 'object' || payload === null) throw new BadIpcRequest('not an object')
  const { method, path, body } = payload as Record<string, unknown>
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT')
    throw new BadIpcRequest('method must be GET, POST or PUT')
  // Canonical paths only: main routes on the path as given, so no %-escapes, no "." or ".."
  // segments and no empty segments that a router might resolve to another route.
  if (
    typeof path !== 'string' ||
    path.length > 2000 ||
    !/^\/[A-Za-z0-9\-._~/]*$/.test(path) ||
    path
      .slice(1)
      .split('/')
      .some((segment, i, all) => segment === '.' || segment === '..' || (segment === '' && i < all.length - 1))
  ) {
    throw new BadIpcRequest('path must be an API path such as /workflows/queue/csm-456')
  }
  const { query, file } = payload as Record<string, unknown>
  if (query !== undefined && !isQuery(query)) throw new BadIpcRequest('query must map a few short names to short text')
  if (file !== undefined && (typeof file !== 'string' || method !== 'POST' || body !== undefined))
    throw new BadIpcRequest('file must be text, sent alone with a POST')
  if (typeof file === 'string' && file.length > MAX_FILE_CHARS) throw new BadIpcRequest('file is larger than 50 MB')
  if (body !== undefined) {
    let text: string
    try {
      text = JSON.stringify(body)
    } catch {
      throw new BadIpcRequest('body must be JSON')
    }
    if (text.length > MAX_BODY_CHARS) throw new BadIpcRequest('body is larger than 1 MB')
  }
  return {
    method,
    path,
    ...(body !== undefined && { body }),
    ...(query !== undefined && { query: query as Record<string, string> }),
    ...(typeof file === 'string' && { file }),
  }
}

const MAX_FILE_CHARS = 50 * 1024 * 1024

function isQuery(query: unknown): boolean {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return false
  const entries = Object.entries(query)
  return (
    entries.length <= 10 &&
    entries.every(([key, value]) => /^[A-Za-z]{1,40}$/.test(key) && typeof value === 'string' && value.length <= 200)
  )
}

export interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 }

/**
 * The saved window bounds if they still fit on a connected display (a monitor may have been
 * unplugged), otherwise the default size, centred by Electron.
 */
export function restoreBounds(saved: unknown, workAreas: readonly Required<Bounds>[]): Bounds {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_BOUNDS
  const { x, y, width, height } = saved as Record<string, unknown>
  const numbers = [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))
  if (!numbers) return DEFAULT_BOUNDS
  const b = {
    x: x as number,
    y: y as number,
    width: Math.max(640, width as number),
    height: Math.max(480, height as number),
  }
  const visible = workAreas.some(
    (a) => b.x + 100 <= a.x + a.width && b.x + b.width - 100 >= a.x && b.y >= a.y - 10 && b.y + 50 <= a.y + a.height,
  )
  return visible ? b : { width: b.width, height: b.height }
}

export interface DevSwitches {
  /** A dev server to load instead of app://desk, trusted for IPC like the app itself. */
  rendererUrl?: string
  /** Another data folder (tests, QA). */
  userData?: string
  devTools: boolean
}

/**
 * Development switches work only in a development build. In a packaged app a variable in the
 * environment must not load another origin (and trust it for IPC), move the user's data, or
 * open DevTools.
 */
export function devSwitches(packaged: boolean, env: Record<string, string | undefined>): DevSwitches {
  if (packaged) return { devTools: false }
  return {
    rendererUrl: env.ELECTRON_RENDERER_URL || undefined,
    userData: env.CSMDESK_USER_DATA || undefined,
    devTools: true,
  }
}
