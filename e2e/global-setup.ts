import { electronBinary } from './fixtures'

export default function globalSetup(): void {
  if (!electronBinary({ fetch: !process.env.CI })) {
    console.log(
      'e2e: the electron project does not run here: the Electron binary is not installed (node_modules/electron has no dist/, ' +
        'and CI does not download it, or the download failed). The same specs run against the headless host in Chromium.',
    )
  }
}
