import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// The daily flow on a 1366×768 laptop, as a keyboard-first CSM works it.
const LAPTOP = { width: 1366, height: 768 }

async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= window.innerHeight
  })
}

test('a CSM works a whole workflow from the keyboard alone: each next step in view, focus on its decision', async ({
  page,
  desk,
}, testInfo) => {
  await page.setViewportSize(LAPTOP)
  await desk.signIn(page)
  await page.goto(`${desk.url}#/workflow/wf-12345`)
  await expect(page.locator('#step-title')).toContainText('Analyze ARR Performance')
  await page.locator('body').press('s')
  const form = page.getByRole('form', { name: 'Step outcome' })
  for (const title of [
    'Analyze ARR Performance',
    'Review Health Indicators',
    'Executive Outreach',
    'Secure Renewal Commitment',
  ]) {
    await expect(page.locator('#step-title')).toContainText(title)
    expect(await inView(page, '#step-title'), `${title} in view`).toBe(true)
    const decision = form.getByRole('radio').first()
    await expect(decision).toBeFocused()
    await page.keyboard.press('Space')
    await expect(decision).toBeChecked()
    // The step's actions stay in reach without scrolling.
    expect(await inView(page, '.step-form > .form-buttons'), 'Complete step in reach').toBe(true)
    if (title === 'Secure Renewal Commitment') {
      await page.keyboard.press('Tab')
      await page.keyboard.type('Signed for two years')
    }
    if (title === 'Review Health Indicators') await page.screenshot({ path: testInfo.outputPath('workflow-1366.png') })
    await page.keyboard.press('Control+Enter')
  }
  const finish = page.getByRole('form', { name: 'Complete workflow' })
  await expect(finish.getByRole('radio', { name: 'Success' })).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('region', { name: 'Workflow completed' })).toBeVisible()
})

test('what the CSM recorded stays in view: custom fields, next actions with their kind, and the account’s open tasks', async ({
  page,
  desk,
}) => {
  await page.setViewportSize(LAPTOP)
  await desk.signIn(page)
  await page.goto(`${desk.url}#/workflow/wf-12345`)
  await page.getByRole('button', { name: /Start workflow/ }).click()
  const form = page.getByRole('form', { name: 'Step outcome' })
  await form.getByRole('radio').first().check()
  await form.getByRole('spinbutton', { name: /ARR growth/ }).fill('11')
  await form.getByRole('button', { name: 'Add next action' }).click()
  const action = form.getByRole('group', { name: 'Next action 1' })
  await action.getByLabel('Type').selectOption('call')
  await action.getByLabel('Description').fill('Call the CFO about the term')
  await form.getByRole('button', { name: /Complete step/ }).click()
  await expect(page.locator('#step-title')).toContainText('Review Health Indicators')
  await page.getByRole('button', { name: /Analyze ARR Performance/ }).click()
  const recorded = page.getByRole('region', { name: 'Recorded outcome' })
  await expect(recorded).toContainText('ARR growth rate')
  await expect(recorded).toContainText('11')
  await expect(recorded).toContainText('Call: Call the CFO about the term')
  await expect(page.getByRole('region', { name: 'Open tasks on this account' })).toContainText(
    'Call the CFO about the term',
  )
})
