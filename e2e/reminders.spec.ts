import { expect, test } from './fixtures'

test('the browser reminds the CSM once of an urgent renewal, and not again after a reload or once turned off', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'The desktop app notifies from its main process (tested without Electron).')
  // Stand in for the system's notifications, with permission given, and keep what was shown.
  await page.addInitScript(`
    window.shown = JSON.parse(sessionStorage.getItem('shown') ?? '[]')
    window.Notification = class {
      static permission = 'granted'
      static requestPermission = async () => 'granted'
      constructor(title) {
        window.shown.push(title)
        sessionStorage.setItem('shown', JSON.stringify(window.shown))
      }
    }
  `)
  await desk.signIn(page)
  await expect.poll(() => page.evaluate('window.shown')).toContain('Acme Corporation: Emergency')
  const first = (await page.evaluate('window.shown')) as string[]
  expect(first.filter((t) => t === 'Acme Corporation: Emergency')).toHaveLength(1)

  // After a reload the check runs again, and finds nothing new.
  const checked = page.waitForResponse((r) => r.url().endsWith('/api/reminders'))
  await page.reload()
  await (await checked).finished()
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))')
  expect(await page.evaluate('window.shown')).toEqual(first)

  await page.getByRole('link', { name: 'Settings' }).click()
  const reminders = page.getByRole('region', { name: 'Reminders' })
  await expect(reminders.getByRole('checkbox')).toBeChecked()
  await reminders.getByRole('checkbox').uncheck()
  await expect(reminders.getByRole('checkbox')).not.toBeChecked()
  expect(await page.evaluate("localStorage.getItem('csmdesk.reminders-off')")).toBe('1')
})
