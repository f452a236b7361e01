import { app, BrowserWindow, dialog, Notification, safeStorage, screen, shell } from 'electron'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createDeskCore, type DeskCore } from '../core'
import { ApiError } from '../core/api/errors'
import { DatabaseTooNewError } from '../core/store/migrate'
import type { DeskEvent } from '../../src-preload/bridge'
import { connectSync, registerApi, sendEvent } from './ipc'
import { installMenu } from './menu'
import { ReminderNotifier } from './reminders'
import { remindersOf } from '../core/tasks/reminders'
import { electronSqliteBinding } from './native-binding'
import { canOpenForSignIn, devSwitches, restoreBounds } from './policy'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenApp, webPreferences } from './security'
import { DesktopSession } from './session'
import { TokenStore } from './token-store'

const dev = devSwitches(app.isPackaged, process.env)
// Tests and QA give each run its own data folder (development builds only).
if (dev.userData) app.setPath('userData', dev.userData)

const devServerUrl = dev.rendererUrl
let window: BrowserWindow | null = null
let core: DeskCore | null = null

const send = (event: DeskEvent) => sendEvent(window, event)
const here = import.meta.dirname
const dataFile = (name: string) => join(app.getPath('userData'), name)
const boundsFile = () => dataFile('window.json')

/** The app's files are this user's alone. */
function restrictToUser(path: string): void {
  if (process.platform === 'win32' || !existsSync(path)) return
  try {
    chmodSync(path, 0o600)
  } catch {
    // A file system without modes (FAT, a network share): nothing more to do.
  }
}

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
    webPreferences: webPreferences(join(here, '../preload/index.cjs'), dev.devTools),
  })
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    try {
      writeFileSync(boundsFile(), JSON.stringify(win.getNormalBounds()), { mode: 0o600 })
      restrictToUser(boundsFile())
    } catch {
      // Losing the window position is not worth failing to quit.
    }
  })
  void win.loadURL(devServerUrl ?? 'app://desk/index.html')
  return win
}

/** Sign-in pages open in the system browser, never in a window of ours (RFC 8252). */
async function openForSignIn(url: string): Promise<void> {
  if (!canOpenForSignIn(url)) throw new ApiError('VALIDATION_ERROR', `Refused to open ${url}: not an https address`)
  await shell.openExternal(url)
}

async function start(): Promise<void> {
  // Local requests are signed in main with a secret that lives only in this process.
  const secret = randomBytes(32).toString('base64url')
  const dbPath = dataFile('desk.sqlite')
  let ready: DeskCore
  try {
    ready = await createDeskCore({
      dbPath,
      templatesDir: join(app.getAppPath(), 'resources', 'templates'),
      jwtSecret: secret,
      demo: true,
      // The server token lives in safeStorage; this database never holds it.
      storesServerToken: false,
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
  core = ready
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) restrictToUser(file)
  const keepFile = dataFile('keep-sign-in-without-keyring')
  const remindersOff = dataFile('reminders-off')
  const tokens = new TokenStore(dataFile('token.bin'), safeStorage, process.platform, () => existsSync(keepFile))
  const session = new DesktopSession({
    tokens,
    verify: async (token) => {
      const serverUrl = ready.store.syncValue('serverUrl')
      if (!serverUrl)
        throw new ApiError(
          'VALIDATION_ERROR',
          'Connect to your team server in Settings first: it checks your sign-in.',
          {
            fields: { serverUrl: 'is not set' },
          },
        )
      return ready.sync.verify(serverUrl, token)
    },
    login: (serverUrl, email, password, options) => ready.sync.login(serverUrl, email, password, options),
    // The system browser, never a web view of ours (RFC 8252): the person's own session at the provider.
    ssoLogin: (serverUrl, options) => ready.sync.loginWithSso(serverUrl, openForSignIn, options),
    endAtServer: async (token) => {
      const providerLogout = await ready.sync.endAtServer(token)
      if (providerLogout) await openForSignIn(providerLogout)
    },
    keepWithoutKeyring: {
      get: () => existsSync(keepFile),
      set: async (keep) => {
        if (keep) await writeFile(keepFile, 'The user chose to keep the sign-in without a keyring.\n', { mode: 0o600 })
        else rmSync(keepFile, { force: true })
      },
    },
    reminders: {
      get: () => !existsSync(remindersOff),
      set: async (on) => {
        if (on) rmSync(remindersOff, { force: true })
        else await writeFile(remindersOff, 'Reminders are off.\n', { mode: 0o600 })
      },
    },
  })
  await session.restore()
  registerApi(ready, session, secret, devServerUrl)
  // What a pull or a change brings reaches the window as it does a browser through /api/events.
  void ready.events.subscribe(
    {
      get userId() {
        return session.current().id
      },
      send: (event) => {
        send({ type: 'queue-changed', ...(event.workflowId ? { workflowId: event.workflowId } : {}) })
        return true
      },
      close: () => {},
    },
    null,
  )
  await connectSync(ready, session)
  new ReminderNotifier({
    remindersOf: (user) => remindersOf(ready.db, ready.clock, user),
    user: () => session.current(),
    on: () => !existsSync(remindersOff) && Notification.isSupported(),
    file: dataFile('reminded.json'),
    show: (reminder) => {
      const notice = new Notification({ title: reminder.title, body: reminder.body })
      notice.on('click', () => {
        if (window?.isMinimized()) window.restore()
        window?.focus()
        send(
          'workflowId' in reminder.target
            ? { type: 'open-workflow', id: reminder.target.workflowId }
            : { type: 'navigate', to: 'tasks' },
        )
      })
      notice.show()
    },
  }).start()
  serveRenderer(join(here, '../renderer'))
  installMenu(send, () => window, { devTools: dev.devTools })
  window = createWindow()
  const warning = await tokens.warning()
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
  app.on('will-quit', () => void core?.close())
}
