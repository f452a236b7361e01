import type { Page } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'
import { SECRET, expect, test } from './fixtures'

// The daily flow on a 1366×768 laptop, as a keyboard-first CSM works it.
const LAPTOP = { width: 1366, height: 768 }

async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= element.ownerDocument.documentElement.clientHeight
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
  // Tasks keep the kind of next action: a call is a call.
  await page.locator('body').press('t')
  await expect(page.getByText('Call the CFO about the term').locator('..')).toContainText('Call')
  await expect(
    page.locator('.task-description', { hasText: 'Call the CFO about the term' }).locator('.badge'),
  ).toHaveText('Call')
})

test('the queue sorts by its column headers and remembers it; one key and one chip put urgent work first; the overdue count filters', async ({
  page,
  desk,
}, testInfo) => {
  await page.setViewportSize(LAPTOP)
  await desk.signIn(page)
  const grid = page.getByRole('grid', { name: 'Workflow queue' })
  const firstRow = grid.getByRole('row').nth(1)
  await expect(firstRow).toBeVisible()
  const stages = async () => grid.locator('.stage').allTextContents()

  await grid.getByRole('button', { name: 'Renewal' }).click()
  await expect(grid.getByRole('columnheader', { name: /Renewal/ })).toHaveAttribute('aria-sort', 'ascending')
  const byRenewal = await stages()
  expect(byRenewal[0]).toBe('Overdue')
  await page.reload()
  await expect(grid.getByRole('columnheader', { name: /Renewal/ })).toHaveAttribute('aria-sort', 'ascending')

  await grid.getByRole('button', { name: 'ARR' }).click()
  await page.locator('body').press('u')
  const chip = page.getByRole('button', { name: /Overdue and Emergency first/ })
  await expect(chip).toHaveAttribute('aria-pressed', 'true')
  const urgent = await stages()
  const firstCalm = urgent.findIndex((stage) => stage !== 'Overdue' && stage !== 'Emergency')
  expect(urgent.slice(firstCalm).some((stage) => stage === 'Overdue' || stage === 'Emergency')).toBe(false)
  await page.screenshot({ path: testInfo.outputPath('queue-1366.png') })

  // On a short screen the top card folds to one line, and stays folded.
  const card = page.getByRole('region', { name: 'Most important today' })
  await card.getByRole('button', { name: 'Fold' }).click()
  await page.reload()
  await expect(card.getByRole('button', { name: 'Show details' })).toBeVisible()
  expect((await card.boundingBox())!.height).toBeLessThan(90)
  await expect(card.getByRole('button', { name: /^(Start|Resume) / })).toBeVisible()

  const overdue = page.getByRole('region', { name: 'Queue stats' }).getByRole('button', { name: /Overdue/ })
  await overdue.click()
  expect(new Set(await stages())).toEqual(new Set(['Overdue']))
  await overdue.click()
  expect((await stages()).length).toBeGreaterThan(1)
})

test('a new hire’s empty queue says how work arrives, once, and Tasks says why it cannot add one yet', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Adds a user through the browser host’s own API.')
  await page.setViewportSize(LAPTOP)
  const admin = signToken({ id: 'admin-1', email: 'alex@company.com', role: 'admin' }, SECRET)
  const post = async (path: string, body: unknown, token?: string) => {
    const answer = await fetch(`${desk.url}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    })
    return (await answer.json()) as { temporaryPassword: string; token: string }
  }
  const added = await post('/admin/users', { email: 'nina@company.com', name: 'Nina Ortiz', role: 'csm' }, admin)
  const first = await post('/auth/login', { email: 'nina@company.com', password: added.temporaryPassword })
  const own = await post(
    '/auth/password',
    { currentPassword: added.temporaryPassword, newPassword: 'ninas-own-long-password' },
    first.token,
  )
  await page.goto(`${desk.url}/#token=${own.token}`)
  const today = page.getByRole('region', { name: 'Today' })
  await expect(today).toContainText('Your admin imports your accounts')
  await expect(page.getByText('No workflow matches these filters.')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Queue stats' })).toHaveCount(0)
  await page.locator('body').press('t')
  const form = page.getByRole('form', { name: 'New task' })
  await expect(form.getByRole('button', { name: 'Add task' })).toBeDisabled()
  await expect(form).toContainText('Tasks belong to your accounts')
})
