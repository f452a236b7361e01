import { electronBinary } from './fixtures'

export default function globalSetup(): void {
  if (!electronBinary()) {
    console.log(
      'e2e: the electron project does not run here: the Electron binary is not installed (node_modules/electron has no dist/, ' +
        'its download is not possible on this machine). The same specs run against the headless host in Chromium.',
    )
  }
}
