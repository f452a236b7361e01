import { describe, expect, it } from 'vitest'
import {
  BadIpcRequest,
  DEFAULT_BOUNDS,
  WEB_PREFERENCES,
  canOpenExternally,
  canOpenForSignIn,
  isAppUrl,
  devSwitches,
  parseIpcRequest,
  restoreBounds,
} from './policy'

describe("Electron's security checklist", () => {
  it('isolates, sandboxes and keeps Node out of every window', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })
  })

  it('trusts only the app origin (and the dev server in development) as a sender or navigation target', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true)
    expect(isAppUrl('app://desk/#/workflow/wf-1')).toBe(true)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('https://desk/index.html')).toBe(false)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl(undefined)).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })

  it('opens a sign-in page in the system browser only over https, or http on this computer', () => {
    expect(canOpenForSignIn('https://csm.company.com/api/auth/oidc/start?challenge=x')).toBe(true)
    expect(canOpenForSignIn('http://127.0.0.1:3000/api/auth/oidc/start')).toBe(true)
    for (const url of ['http://csm.company.com/api', 'file:///etc/passwd', 'javascript:alert(1)', 'nonsense'])
      expect(canOpenForSignIn(url)).toBe(false)
  })

  it('opens only https and mailto links outside the app', () => {
    expect(canOpenExternally('https://acme.com')).toBe(true)
    expect(canOpenExternally('mailto:john@acme.com')).toBe(true)
    for (const url of [
      'http://acme.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'app://desk/',
      'nonsense',
    ]) {
      expect(canOpenExternally(url), url).toBe(false)
    }
  })
})

describe('the IPC entry point', () => {
  it('accepts API requests', () => {
    expect(parseIpcRequest({ method: 'GET', path: '/workflows/queue/csm-456' })).toEqual({
      method: 'GET',
      path: '/workflows/queue/csm-456',
    })
    expect(parseIpcRequest({ method: 'POST', path: '/workflows/wf-1/start', body: { csmId: 'x' } })).toEqual({
      method: 'POST',
      path: '/workflows/wf-1/start',
      body: { csmId: 'x' },
    })
    // A renewal's forecast is a PUT.
    expect(parseIpcRequest({ method: 'PUT', path: '/accounts/cust-1/forecast', body: { category: 'commit' } })).toEqual(
      { method: 'PUT', path: '/accounts/cust-1/forecast', body: { category: 'commit' } },
    )
  })

  it("carries an admin's import: the file's text and the query beside the path", () => {
    const request = {
      method: 'POST',
      path: '/admin/import',
      query: { kind: 'accounts', dryRun: 'true' },
      file: 'a,b\n1,2',
    }
    expect(parseIpcRequest(request)).toEqual(request)
  })

  it.each([
    [null],
    ['GET /me'],
    [{ method: 'GET', path: '/admin/import', file: 'a' }],
    [{ method: 'POST', path: '/admin/import', file: 'a', body: {} }],
    [{ method: 'POST', path: '/admin/import', file: 42 }],
    [{ method: 'POST', path: '/admin/import', file: 'x'.repeat(50 * 1024 * 1024 + 1) }],
    [{ method: 'POST', path: '/admin/import', query: { 'dry-run': 'true' } }],
    [{ method: 'POST', path: '/admin/import', query: { kind: 1 } }],
    [{ method: 'POST', path: '/admin/import', query: ['kind'] }],
    [{ method: 'DELETE', path: '/me' }],
    [{ method: 'GET', path: 'me' }],
    [{ method: 'GET', path: '/../../etc/passwd' }],
    [{ method: 'GET', path: '/workflows?x=1' }],
    [{ method: 'GET', path: 'http://evil.com/api' }],
    [{ method: 'POST', path: '/x', body: { big: 'x'.repeat(1024 * 1024) } }],
    // Ways around main's own routes for /sync/config, which would reach the core's instead.
    [{ method: 'POST', path: '/sync/./config' }],
    [{ method: 'POST', path: '/%2e%2e/api/sync/config' }],
    [{ method: 'POST', path: '/sync/%63onfig' }],
    [{ method: 'POST', path: '/sync//config' }],
    [{ method: 'POST', path: '/sync/config/..' }],
  ])('refuses %j', (payload) => {
    expect(() => parseIpcRequest(payload)).toThrow(BadIpcRequest)
  })
})

describe('development switches', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://evil.example:5173', CSMDESK_USER_DATA: '/tmp/elsewhere' }
  it('work in a development build', () => {
    expect(devSwitches(false, env)).toEqual({
      rendererUrl: 'http://evil.example:5173',
      userData: '/tmp/elsewhere',
      devTools: true,
    })
  })

  it('do nothing in a packaged app, where DevTools are off too', () => {
    expect(devSwitches(true, env)).toEqual({ devTools: false })
  })
})

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('restores bounds that are on a display', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1200, height: 800 }, screen)).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
    })
  })

  it('drops the position when the display it was on is gone, and ignores garbage', () => {
    expect(restoreBounds({ x: 2500, y: 80, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800 })
    expect(restoreBounds({ x: 'a', y: 0, width: 1, height: 1 }, screen)).toEqual(DEFAULT_BOUNDS)
    expect(restoreBounds(null, screen)).toEqual(DEFAULT_BOUNDS)
    expect(restoreBounds({ x: 0, y: 0, width: 10, height: 10 }, screen)).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    })
  })
})
