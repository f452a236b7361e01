import { app, BrowserWindow, dialog, safeStorage, screen } from 'electron'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../core'
import { DatabaseTooNewError } from '../core/store/migrate'
import type { DeskEvent } from '../../src-preload/bridge'
import { connectSync, registerApi, sendEvent } from './ipc'
import { installMenu } from './menu'
import { electronSqliteBinding } from './native-binding'
import { restoreBounds } from './policy'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenApp, webPreferences } from './security'
import { DesktopSession } from './session'
import { TokenStore } from './token-store'

// Tests and QA give each run its own data folder.
if (process.env.CSMDESK_USER_DATA) app.setPath('userData', process.env.CSMDESK_USER_DATA)

const devServerUrl = process.env.ELECTRON_RENDERER_URL
let window: BrowserWindow | null = null
let core: Core | null = null

const send = (event: DeskEvent) => sendEvent(window, event)
const here = import.meta.dirname
const boundsFile = () => join(app.getPath('userData'), 'window.json')

function createWindow(): BrowserWindow {
  let saved: unknown = null
  try {
    saved = JSON.parse(readFileSync(boundsFile(), 'utf8'))
  } catch {
    // First start, or an unreadable file: the default size.
  }
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'CSM Desk',
    webPreferences: webPreferences(join(here, '../preload/index.cjs')),
  })
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    try {
      writeFileSync(boundsFile(), JSON.stringify(win.getNormalBounds()))
    } catch {
      // Losing the window position is not worth failing to quit.
    }
  })
  void win.loadURL(devServerUrl ?? 'app://desk/index.html')
  return win
}

async function start(): Promise<void> {
  const tokens = new TokenStore(join(app.getPath('userData'), 'token.bin'), safeStorage)
  const session = new DesktopSession(tokens)
  await session.restore()
  // Local requests are signed in main with a secret that lives only in this process.
  const secret = randomBytes(32).toString('base64url')
  try {
    core = createCore({
      dbPath: join(app.getPath('userData'), 'desk.sqlite'),
      templatesDir: join(app.getAppPath(), 'resources', 'templates'),
      jwtSecret: secret,
      demo: true,
      nativeBinding: electronSqliteBinding({
        packaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
      }),
    })
  } catch (error) {
    const tooNew = error instanceof DatabaseTooNewError
    dialog.showErrorBox(
      tooNew ? 'CSM Desk needs an update' : 'CSM Desk could not open its data',
      `${(error as Error).message}\n\nYour data is in ${app.getPath('userData')} and was not changed.`,
    )
    app.exit(1)
    return
  }
  registerApi(core, session, secret, devServerUrl)
  await connectSync(core, session)
  serveRenderer(join(here, '../renderer'))
  installMenu(send, () => window)
  window = createWindow()
  const warning = tokens.warning()
  if (warning) window.webContents.once('did-finish-load', () => send({ type: 'notice', message: warning }))
}

registerAppScheme()
hardenApp(devServerUrl)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  void app.whenReady().then(start)
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) window = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => core?.close())
}
