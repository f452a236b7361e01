import type { Page } from '@playwright/test'

/** In Settings, the desk's CSM points it at the team server's (new) address with their token. */
export async function reconnect(page: Page, serverUrl: string, token: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Server URL' }).fill(serverUrl)
  await page.getByRole('textbox', { name: 'Your token on the server' }).fill(token)
  await page.getByRole('button', { name: 'Connect and sync' }).click()
}
