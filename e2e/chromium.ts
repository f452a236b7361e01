import { existsSync } from 'node:fs'

/**
 * Debian's Chromium (Playwright's own browser download is not possible here), with the flags
 * that keep it from reaching for the network. CHROMIUM_PATH points elsewhere.
 */
export function chromiumLaunchOptions() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return {
    executablePath: existsSync(path) ? path : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  }
}
