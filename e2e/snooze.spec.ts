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

test('a snoozed workflow wakes early from its own screen or from the queue', async ({ page, desk }) => {
  await desk.signIn(page)
  const grid = page.getByRole('grid', { name: 'Workflow queue' })
  const snoozeTechCo = async () => {
    await grid.getByRole('button', { name: 'TechCo Inc' }).click()
    await page.getByRole('button', { name: 'Snooze…' }).click()
    const form = page.getByRole('form', { name: 'Snooze' })
    await form.getByLabel('Until').fill('2026-02-01')
    await form.getByRole('textbox', { name: 'Why' }).fill('Waiting on budget')
    await form.getByRole('button', { name: 'Snooze', exact: true }).click()
    await expect(grid).not.toContainText('TechCo')
  }
  const snoozed = page.getByRole('region', { name: 'Snoozed' })

  // Opened from the snoozed list, its screen says why it sleeps; "Resume now" wakes it.
  await snoozeTechCo()
  await snoozed.getByRole('button', { name: /1 snoozed/ }).click()
  await snoozed.getByRole('button', { name: 'TechCo Inc' }).click()
  const banner = page.getByRole('status').filter({ hasText: 'Snoozed until' })
  await expect(banner).toContainText('Waiting on budget')
  await banner.getByRole('button', { name: 'Resume now' }).click()
  await expect(banner).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Snooze…' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(grid).toContainText('TechCo')
  await expect(snoozed).toHaveCount(0)

  // Or straight from the queue's list, without opening it.
  await snoozeTechCo()
  await snoozed.getByRole('button', { name: /1 snoozed/ }).click()
  await snoozed.getByRole('button', { name: 'Resume' }).click()
  await expect(grid).toContainText('TechCo')
  await expect(snoozed).toHaveCount(0)
})
