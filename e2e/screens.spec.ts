import { violations } from './axe'
import { expect, test } from './fixtures'

// The main screens on a laptop and a desktop monitor, light and dark: screenshots to look at
// (test-results/) and axe on each, the workflow's upcoming steps included.
for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
])
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the queue, a workflow, the Team and Reports screens at ${size.width}x${size.height}, ${colorScheme}`, async ({
      page,
      desk,
    }, testInfo) => {
      test.skip(desk.host === 'electron', 'The Team screen is an admin’s; the browser host signs one in.')
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme })
      const shot = (name: string) =>
        page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}-${colorScheme}.png`) })

      await desk.signIn(page)
      await expect(page.getByRole('grid', { name: 'Workflow queue' }).getByRole('row').nth(2)).toBeVisible()
      await shot('queue')

      await page.goto(`${desk.url}/#/workflow/wf-20001`)
      await expect(page.locator('#step-title')).toBeVisible()
      await expect(page.getByRole('navigation', { name: 'Steps' })).toContainText('Upcoming')
      await shot('workflow')
      expect(await violations(page), 'workflow with upcoming steps').toEqual([])
      // Step text reads at about 75 characters a line, even on a wide screen.
      const width = await page.locator('.step-content').evaluate((el) => el.getBoundingClientRect().width)
      const em = await page
        .locator('.step-content')
        .evaluate((el) => parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).fontSize))
      expect(width / em).toBeLessThan(48)

      const admin = await page.context().newPage()
      await admin.setViewportSize(size)
      await admin.emulateMedia({ colorScheme })
      await desk.signInAs!(admin, { id: 'admin-1', email: 'alex@company.com', role: 'admin' })
      await expect(admin.getByRole('region', { name: 'Open work by stage' })).toBeVisible()
      await admin.screenshot({ path: testInfo.outputPath(`team-${size.width}-${colorScheme}.png`) })
      // No stage label or figure wraps onto a second line.
      for (const row of await admin.locator('.bar-row').all()) {
        const heights = await row
          .locator('.bar-label, .bar-value')
          .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))
        expect(Math.max(...heights)).toBeLessThan(24)
      }

      await admin.getByRole('link', { name: 'Reports' }).click()
      await expect(admin.getByRole('img', { name: /Renewing ARR by month/ })).toBeVisible()
      await admin.screenshot({ path: testInfo.outputPath(`reports-${size.width}-${colorScheme}.png`), fullPage: true })
    })
  }
