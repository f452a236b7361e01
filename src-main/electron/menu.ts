import { Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { DeskEvent } from '../../src-preload/bridge'

/** The application menu: the usual roles, plus the app's own commands (also on the keyboard). */
export function installMenu(
  send: (event: DeskEvent) => void,
  getWindow: () => BrowserWindow | null,
  options: { devTools: boolean; isMac?: boolean },
): void {
  const isMac = options.isMac ?? process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Go',
      submenu: [
        { label: 'Queue', accelerator: 'CmdOrCtrl+1', click: () => send({ type: 'navigate', to: 'queue' }) },
        { label: 'Reload Queue', accelerator: 'CmdOrCtrl+Shift+R', click: () => send({ type: 'queue-changed' }) },
        { type: 'separator' },
        { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: () => send({ type: 'show-shortcuts' }) },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', click: () => send({ type: 'show-shortcuts' }) },
        ...(options.devTools
          ? [
              {
                label: 'Toggle Developer Tools',
                accelerator: 'CmdOrCtrl+Alt+I',
                click: () => getWindow()?.webContents.toggleDevTools(),
              },
            ]
          : []),
        {
          label: 'Electron Security',
          click: () => void shell.openExternal('https://www.electronjs.org/docs/latest/tutorial/security'),
        },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
