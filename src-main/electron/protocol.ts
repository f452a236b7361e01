import { protocol } from 'electron'
import { staticFiles } from '../core/renderer-files'
import { APP_SCHEME } from './policy'

/** Must run before the app is ready: app:// behaves like https (secure, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ])
}

/** Serves the built renderer at app://desk/, refusing paths that leave its folder, with the CSP. */
export function serveRenderer(rendererDir: string): void {
  const files = staticFiles(rendererDir)
  protocol.handle(APP_SCHEME, (request) => {
    if (new URL(request.url).host !== 'desk') return new Response('Not found', { status: 404 })
    return files(request)
  })
}
