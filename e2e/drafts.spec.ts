import { expect, test } from './fixtures'
import { completeCurrentStep } from './step-form'

test('a draft email in the step content can be copied, or opened in the mail app', async ({ page, desk }) => {
  test.skip(
    desk.host === 'electron',
    'Reads the clipboard through the browser; Electron opens mailto: through the shell.',
  )
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: desk.url })
  await desk.signIn(page)
  await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
  await completeCurrentStep(page, 'ARR is fine')
  await expect(page.locator('#step-title')).toContainText('Review Health Indicators')
  await completeCurrentStep(page, 'Health is fine')
  await expect(page.locator('#step-title')).toContainText('Executive Outreach')

  await page.getByRole('button', { name: 'Copy email' }).click()
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
  const copied = (await page.evaluate('navigator.clipboard.readText()')) as string
  expect(copied).toMatch(/^Subject: Acme Corporation renewal on .*: 20 minutes this week\?\n\nHi John Smith,/)
  expect(copied).not.toContain('Copy email')

  // Catch what would open the mail app (the page's own code, as a string: this file has no DOM types).
  await page.evaluate('window.opened = []; window.open = (url) => { window.opened.push(String(url)); return null }')
  await page.getByRole('button', { name: 'Open in mail' }).click()
  const opened = (await page.evaluate('window.opened')) as string[]
  expect(opened).toHaveLength(1)
  expect(opened[0]).toMatch(/^mailto:john%40acme\.com\?subject=Acme%20Corporation%20renewal/)
  expect(decodeURIComponent(opened[0]!.split('&body=')[1]!)).toMatch(/^Hi John Smith,/)
})
