import { violations } from './axe'
import { expect, test } from './fixtures'

async function signInWithPassword(page: import('@playwright/test').Page, url: string, email: string) {
  await page.goto(url)
  const form = page.getByRole('form', { name: 'Sign in', exact: true })
  await form.getByRole('textbox', { name: 'Email' }).fill(email)
  await form.getByLabel('Password').fill('csm-desk-demo')
  await form.getByRole('button', { name: 'Sign in' }).click()
}

test('an admin reads the team, opens Sarah’s queue and reassigns a workflow to Marcus with a reason; Marcus has it, Sarah no longer, and the audit says so', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'The desktop app signs in at a team server; the browser host is its own.')
  await signInWithPassword(page, desk.url, 'alex@company.com')
  await page.getByRole('link', { name: 'Team', exact: true }).click()
  const csms = page.getByRole('table', { name: 'CSMs' })
  await expect(csms.getByRole('row', { name: /Sarah Johnson/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Open work by stage' })).toContainText('Emergency')
  expect(await violations(page), 'team').toEqual([])

  await csms.getByRole('link', { name: 'Sarah Johnson' }).click()
  await expect(page.getByRole('heading', { name: "Sarah Johnson's queue" })).toBeVisible()
  await page.getByRole('checkbox', { name: /TechCo Inc \(wf-67890\)/ }).check()
  const form = page.getByRole('form', { name: 'Reassign' })
  await form.getByLabel('Reassign to').selectOption({ label: 'Marcus Chen' })
  await form.getByLabel('Reason').fill('Sarah is out this week')
  expect(await violations(page), 'a CSM queue').toEqual([])
  await form.getByRole('button', { name: 'Reassign 1 selected' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Reassigned' })).toHaveText(
    'Reassigned 1 workflow to Marcus Chen.',
  )
  await expect(page.getByRole('checkbox', { name: /wf-67890/ })).toHaveCount(0)

  await page.getByRole('link', { name: 'Team', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Latest changes' })).toContainText(
    'alex@company.com reassigned 1 workflow to Marcus Chen: “Sarah is out this week”',
  )

  const marcus = await page.context().newPage()
  await signInWithPassword(marcus, desk.url, 'marcus@company.com')
  await marcus.getByRole('searchbox').fill('TechCo')
  await expect(marcus.getByRole('grid').getByRole('row', { name: /TechCo Inc/ })).toBeVisible()

  const sarah = await page.context().newPage()
  await desk.signIn(sarah)
  await expect(sarah.getByRole('grid', { name: 'Workflow queue' })).toBeVisible()
  await sarah.getByRole('searchbox').fill('TechCo')
  await expect(sarah.getByText('No workflow matches these filters.')).toBeVisible()
})

test('an admin adds a user, who signs in with the temporary password shown once', async ({ page, desk }) => {
  test.skip(desk.host === 'electron', 'The desktop app signs in at a team server; the browser host is its own.')
  await signInWithPassword(page, desk.url, 'alex@company.com')
  await page.getByRole('link', { name: 'Users' }).click()
  const add = page.getByRole('region', { name: 'Add a user' })
  await add.getByLabel('Name').fill('Nina Ortiz')
  await add.getByLabel('Email').fill('nina@company.com')
  await add.getByRole('button', { name: 'Add user' }).click()
  const shown = page.getByRole('status').filter({ hasText: 'temporary password' })
  const password = await shown.locator('code').innerText()
  expect(password).toMatch(/^.{16}$/)
  await expect(page.getByRole('row', { name: /Nina Ortiz/ })).toBeVisible()
  expect(await violations(page), 'users').toEqual([])

  const nina = await page.context().newPage()
  await nina.goto(desk.url)
  const form = nina.getByRole('form', { name: 'Sign in', exact: true })
  await form.getByRole('textbox', { name: 'Email' }).fill('nina@company.com')
  await form.getByLabel('Password').fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(nina.getByText('Nina Ortiz').first()).toBeVisible()
})
