import type { Page } from '@playwright/test'
import { violations } from './axe'
import { expect, test } from './fixtures'

const ALEX = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }

/** Sets a measure's signal, weight and (for a line) its two points. */
async function measure(page: Page, index: number, signal: string, weight: number, line?: [from: number, to: number]) {
  const card = page.getByRole('form', { name: 'Scorecard' }).getByRole('group').nth(index)
  await card.getByLabel('Signal').selectOption({ label: signal })
  await card.getByLabel('Label').fill(signal)
  await card.getByRole('spinbutton', { name: `Weight of ${signal}`, exact: true }).fill(String(weight))
  if (line) {
    await card.getByLabel(`${signal}: from value`).fill(String(line[0]))
    await card.getByLabel('to value').fill(String(line[1]))
  }
}

test('an admin builds a three-measure scorecard, previews it and saves it; a CSM reads why an account is red', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Admin screens run on the team server; the browser host is its own.')
  await desk.signInAs!(page, ALEX)
  await page.getByRole('link', { name: 'Scorecard' }).click()
  await expect(page.getByRole('heading', { name: 'Health scorecard' })).toBeVisible()
  await expect(page.getByText('Version 1 is in force')).toBeVisible()

  await measure(page, 0, 'Usage change (%)', 50, [-30, 10])
  await page.getByRole('button', { name: 'Add a measure' }).click()
  await measure(page, 1, 'Sentiment', 30)
  await page.getByRole('button', { name: 'Add a measure' }).click()
  await measure(page, 2, 'License utilization (active ÷ licensed)', 20, [0.3, 0.9])
  await expect(page.getByText('Weights: 100 of 100')).toBeVisible()

  // The preview follows the draft: the book today and with this scorecard, band by band.
  const preview = page.getByRole('region', { name: 'Preview' })
  const red = preview.getByRole('row', { name: /^Red/ })
  await expect(red).toBeVisible()
  await expect(preview.getByRole('columnheader', { name: 'With this scorecard' })).toBeVisible()
  await expect(preview.getByText('Accounts that move the most')).toBeVisible()
  expect(await violations(page), 'scorecard').toEqual([])

  await page.getByRole('button', { name: 'Save as version 2' }).click()
  await expect(page.getByText('Saved as version 2. The book is being rescored.')).toBeVisible()
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await violations(page), 'scorecard, dark').toEqual([])

  // Sarah opens Acme: usage down 23%, sentiment declining, licenses used: 17.5×0.5 + 20×0.3 + 100×0.2 = 35, red.
  await page.goto('about:blank')
  await desk.signIn(page)
  await expect(page.getByRole('banner')).toContainText('Sarah Johnson')
  await page.evaluate("window.location.hash = '#/workflow/wf-12345'")
  const gauge = page.getByRole('button', { name: /^Health · Red/ })
  await expect(gauge).toBeVisible({ timeout: 15_000 })
  await gauge.click()
  const why = page.getByRole('region', { name: 'Why this health score' })
  await expect(why.getByRole('heading', { name: 'Health 35: Red' })).toBeVisible()
  const measures = why.getByRole('list', { name: 'What each measure gives the score' }).getByRole('listitem')
  await expect(measures.filter({ hasText: 'Usage change' })).toContainText('value -23 · 17.5 points × 50%')
  await expect(measures.filter({ hasText: 'Sentiment' })).toContainText('value declining · 20 points × 30%')
  expect(await violations(page), 'health explanation, dark').toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await violations(page), 'health explanation').toEqual([])

  // The queue filters on the team's bands: Acme is among the red ones, and the green are not shown.
  await page.evaluate("window.location.hash = '#/'")
  const grid = page.getByRole('grid', { name: 'Workflow queue' })
  await expect(grid.getByRole('row').nth(2)).toBeVisible()
  const shown = page.getByRole('status').filter({ hasText: /\d+ of \d+ shown/ })
  const before = await shown.textContent()
  await page.getByRole('combobox', { name: 'Health' }).selectOption('red')
  await expect(grid).toContainText('Acme Corporation')
  await expect(grid.getByText('(Green)')).toHaveCount(0)
  await expect(shown).not.toHaveText(before!)
})
