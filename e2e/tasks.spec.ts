import { expect, test } from './fixtures'
import { fillStepOutcome } from './step-form'

test('a next action recorded in a step shows in Tasks, where the CSM marks it done and adds one of their own', async ({
  page,
  desk,
}, testInfo) => {
  await desk.signIn(page)
  await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
  await fillStepOutcome(page, 'ARR looks healthy')
  const form = page.getByRole('form', { name: 'Step outcome' })
  await form.getByRole('button', { name: 'Add next action' }).click()
  const action = form.getByRole('group', { name: 'Next action 1' })
  await action.getByRole('textbox', { name: 'Description' }).fill('Schedule renewal strategy call')
  await action.getByLabel('Due date').fill('2025-12-27')
  await action.getByRole('combobox', { name: 'Priority' }).selectOption('high')
  await form.getByRole('button', { name: /Complete step/ }).click()
  await expect(page.locator('#step-title')).toContainText('Review Health Indicators')

  await page.keyboard.press('Escape')
  await page.keyboard.press('t')
  const overdue = page.getByRole('region', { name: 'Overdue' })
  await expect(overdue).toContainText('Schedule renewal strategy call')
  await expect(overdue).toContainText('Acme Corporation')

  // From the keyboard: select it and mark it done.
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  const done = page.getByRole('region', { name: 'Done' })
  await expect(done).toContainText('Schedule renewal strategy call')
  await expect(page.getByRole('region', { name: 'Overdue' })).toHaveCount(0)

  // Marked done by mistake: unchecked, it is overdue again; checked once more, done.
  const doneBox = done.getByRole('checkbox', { name: /Schedule renewal strategy call/ })
  await doneBox.click() // it moves to another group, so uncheck() would wait on a box that is gone
  await expect(page.getByRole('region', { name: 'Overdue' })).toContainText('Schedule renewal strategy call')
  await expect(done).toHaveCount(0)
  await page
    .getByRole('region', { name: 'Overdue' })
    .getByRole('checkbox', { name: /Schedule renewal/ })
    .click()
  await expect(done).toContainText('Schedule renewal strategy call')

  // A task of their own, on an account of theirs; it is still there after a reload.
  const newTask = page.getByRole('form', { name: 'New task' })
  await newTask.getByRole('textbox', { name: 'New task' }).fill('Send the QBR deck')
  await newTask.getByLabel('Due').fill('2026-01-10')
  await newTask.getByRole('button', { name: 'Add task' }).click()
  await expect(page.getByRole('region', { name: 'Upcoming' })).toContainText('Send the QBR deck')
  await page.reload()
  await expect(page.getByRole('region', { name: 'Upcoming' })).toContainText('Send the QBR deck')
  await expect(page.getByRole('region', { name: 'Done' })).toContainText('Schedule renewal strategy call')
  await page.screenshot({ path: testInfo.outputPath('tasks.png') })
})
