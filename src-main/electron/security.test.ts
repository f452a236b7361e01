import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for Electron's main-process modules: just enough to see what the app wires up.
const electron = vi.hoisted(() => ({
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  openExternal: vi.fn(),
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
}))

vi.mock('electron', () => ({
  app: {
    on: (name: string, handler: (...args: unknown[]) => void) => electron.appHandlers.set(name, handler),
    whenReady: () => Promise.resolve(),
  },
  shell: { openExternal: electron.openExternal },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof electron.permissionRequest) =>
        (electron.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof electron.permissionCheck) => (electron.permissionCheck = handler),
    },
  },
}))

const { hardenApp, webPreferences } = await import('./security')

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler
  }
}

function created(): FakeContents {
  const contents = new FakeContents()
  electron.appHandlers.get('web-contents-created')!({}, contents)
  return contents
}

function emitted(contents: FakeContents, name: string, url?: string): boolean {
  const event = { preventDefault: vi.fn() }
  contents.emit(name, event, url)
  return event.preventDefault.mock.calls.length > 0
}

describe('hardenApp', () => {
  beforeEach(async () => {
    electron.openExternal.mockClear()
    hardenApp()
    await Promise.resolve()
  })

  it('blocks navigation and redirects away from the app', () => {
    const contents = created()
    expect(emitted(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(emitted(contents, 'will-redirect', 'file:///etc/passwd')).toBe(true)
    expect(emitted(contents, 'will-navigate', 'app://desk/index.html#/settings')).toBe(false)
  })

  it('refuses <webview>', () => {
    expect(emitted(created(), 'will-attach-webview')).toBe(true)
  })

  it('denies every new window, opening only https and mailto links in the system browser', () => {
    const contents = created()
    expect(contents.openHandler!({ url: 'https://acme.com' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'mailto:john@acme.com' })).toEqual({ action: 'deny' })
    expect(electron.openExternal.mock.calls).toEqual([['https://acme.com'], ['mailto:john@acme.com']])
  })

  it('denies every permission request and check', () => {
    const callback = vi.fn()
    electron.permissionRequest!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(electron.permissionCheck!()).toBe(false)
  })

  it('gives windows the hardened webPreferences with the bundled preload', () => {
    expect(webPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
  })
})
