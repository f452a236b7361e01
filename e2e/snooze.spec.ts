import { expect, test } from './fixtures'

test('a snoozed workflow leaves the queue, and comes back by itself on its day', async ({ page, desk }) => {
  test.skip(!desk.moveClock, 'Moving the business clock restarts the host; covered by the browser project.')
  await desk.signIn(page)
  const grid = page.getByRole('grid', { name: 'Workflow queue' })
  await expect(grid).toContainText('TechCo')
  await grid.getByRole('button', { name: 'TechCo Inc' }).click()
  await page.getByRole('button', { name: 'Snooze…' }).click()
  const form = page.getByRole('form', { name: 'Snooze' })
  await form.getByLabel('Until').fill('2026-01-04')
  await form.getByRole('textbox', { name: 'Why' }).fill('Customer on holiday')
  await form.getByRole('button', { name: 'Snooze', exact: true }).click()

  // Back on the queue: gone from the list and the counts, listed apart.
  await expect(grid).not.toContainText('TechCo')
  await expect(page.getByRole('region', { name: 'Queue stats' })).toContainText(
    '6Total3Pending2In progress1Completed today',
  )
  const snoozed = page.getByRole('region', { name: 'Snoozed' })
  await snoozed.getByRole('button', { name: /1 snoozed/ }).click()
  await expect(snoozed).toContainText('TechCo Inc')
  await expect(snoozed).toContainText('Customer on holiday')

  // The business day reaches 2026-01-04: it is back, with nothing clicked.
  await desk.moveClock!('2026-01-04T09:00:00Z')
  await desk.signIn(page)
  await expect(grid).toContainText('TechCo')
  await expect(page.getByRole('region', { name: 'Snoozed' })).toHaveCount(0)
})
