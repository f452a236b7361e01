import { app, BrowserWindow, ipcMain } from 'electron'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { createCore } from '../core'
import { signToken } from '../core/api/auth'
import { DEMO_CSMS } from '../core/demo/demo'
import type { ApiRequest, ApiResponse } from '../../src-preload/bridge'

// A minimal shell: the "Electron app itself" issue hardens it (app:// protocol, CSP, sender
// checks, safeStorage). The renderer never holds a token: main signs the local requests.
const secret = randomBytes(32).toString('base64url')

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

void app.whenReady().then(() => {
  const core = createCore({
    dbPath: join(app.getPath('userData'), 'desk.sqlite'),
    templatesDir: join(app.getAppPath(), 'resources/templates'),
    jwtSecret: secret,
    demo: true,
  })
  const token = signToken(DEMO_CSMS[0]!, secret)
  ipcMain.handle('desk:api', async (_event, request: ApiRequest): Promise<ApiResponse> => {
    const response = await core.api.fetch(
      new Request(`http://desk.local/api${request.path}`, {
        method: request.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      }),
    )
    return { status: response.status, body: await response.json() }
  })
  app.on('will-quit', () => core.close())
  createWindow()
})

app.on('window-all-closed', () => app.quit())
