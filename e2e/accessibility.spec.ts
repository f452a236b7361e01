import { violations } from './axe'
import { expect, test } from './fixtures'

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${colorScheme} theme, with no failed request`, async ({ page, desk }) => {
    const failed: string[] = []
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
    })
    await page.emulateMedia({ colorScheme })
    await desk.signIn(page)

    const grid = page.getByRole('grid', { name: 'Workflow queue' })
    await expect(grid.getByRole('row').nth(2)).toBeVisible()
    await page.keyboard.press('j') // a selected row has colours of its own
    await expect(grid.locator('[aria-selected="true"]')).toHaveCount(1)
    expect(await violations(page), 'queue').toEqual([])

    await page
      .getByRole('region', { name: 'Most important today' })
      .getByRole('button', { name: /^Start/ })
      .click()
    await expect(page.locator('.rendered')).toContainText('Acme Corporation')
    await expect(page.getByRole('complementary', { name: 'Customer context' })).toContainText('John Smith')
    expect(await violations(page), 'workflow').toEqual([])

    await page.getByRole('link', { name: 'Tasks' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible()
    await expect(page.getByRole('form', { name: 'New task' })).toBeVisible()
    expect(await violations(page), 'tasks').toEqual([])

    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    expect(await violations(page), 'settings').toEqual([])

    expect(failed, 'requests that failed').toEqual([])
  })
}
