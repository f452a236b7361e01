import { app, session, shell, type WebContents } from 'electron'
import { WEB_PREFERENCES, canOpenExternally, isAppUrl } from './policy'

/**
 * Window hardening in one place (Electron's security checklist): no navigation away from the
 * app, no new windows, no <webview>, no permissions, external links only to https and mailto.
 */
export function hardenApp(devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (canOpenExternally(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
  })
}

/** The webPreferences every window gets; nothing may loosen them. DevTools only in development. */
export function webPreferences(preload: string, devTools = false) {
  return { ...WEB_PREFERENCES, preload, devTools }
}
