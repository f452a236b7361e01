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
  await page.getByRole('checkbox', { name: 'Select TechCo Inc' }).check()
  const form = page.getByRole('form', { name: 'Reassign' })
  // Each possible taker shows their load.
  await expect(form.getByLabel('Reassign to').locator('option', { hasText: 'Marcus Chen' })).toHaveText(
    /Marcus Chen · \d+ open, \$[\d,.]+[KM]?/,
  )
  await form.getByLabel('Reassign to').selectOption('csm-101')
  await form.getByLabel('Reason').fill('Sarah is out this week')
  expect(await violations(page), 'a CSM queue').toEqual([])
  await form.getByRole('button', { name: 'Reassign 1 selected' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Reassigned' })).toHaveText(
    'Reassigned 1 workflow to Marcus Chen.',
  )
  await expect(page.getByRole('checkbox', { name: 'Select TechCo Inc' })).toHaveCount(0)
  await expect(page.getByText('wf-')).toHaveCount(0)

  await page.getByRole('link', { name: 'Team', exact: true }).click()
  const latest = page.getByRole('region', { name: 'Latest changes' })
  await expect(latest).toContainText(
    'alex@company.com reassigned TechCo Inc from Sarah Johnson to Marcus Chen: “Sarah is out this week”',
  )
  // Sign-ins are kept, but not among the latest changes.
  await expect(latest).not.toContainText('signed in')

  // The whole trail, filtered by what and who.
  await latest.getByRole('link', { name: 'The whole audit trail' }).click()
  const trail = page.getByRole('table')
  await expect(trail).toContainText('reassigned TechCo Inc from Sarah Johnson to Marcus Chen')
  await expect(trail).not.toContainText('signed in')
  const filters = page.getByRole('form', { name: 'Audit filters' })
  await filters.getByLabel('What').selectOption('Sign-ins')
  await expect(trail).toContainText('alex@company.com signed in')
  await expect(trail).not.toContainText('reassigned')
  await filters.getByLabel('What').selectOption('')
  await filters.getByLabel('Who').selectOption({ label: 'Sarah Johnson' })
  await expect(page.getByText('Nothing recorded matches these filters.')).toBeVisible()
  expect(await violations(page), 'audit').toEqual([])

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

test('an admin adds a user, who signs in with the temporary password shown once and chooses their own', async ({
  page,
  desk,
}) => {
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
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
  // Straight to the form: the temporary password must be replaced before anything else.
  const own = form.getByRole('group', { name: /Your password is temporary/ })
  await expect(own).toBeVisible()
  await own.getByLabel(/^New password/).fill('ninas-own-long-password')
  await own.getByLabel('Repeat the new password').fill('ninas-own-long-passwrod')
  await expect(own).toContainText('The two new passwords differ.')
  await expect(form.getByRole('button', { name: 'Set my password and sign in' })).toBeDisabled()
  await own.getByLabel('Repeat the new password').fill('ninas-own-long-password')
  await form.getByRole('button', { name: 'Set my password and sign in' }).click()
  await expect(nina.getByText('Nina Ortiz').first()).toBeVisible()
  expect(await violations(nina), 'first sign-in').toEqual([])

  // The temporary one no longer works; her own does, and she changes it again in Settings.
  const again = await page.context().newPage()
  await again.goto(desk.url)
  const retry = again.getByRole('form', { name: 'Sign in', exact: true })
  await retry.getByRole('textbox', { name: 'Email' }).fill('nina@company.com')
  await retry.getByLabel('Password', { exact: true }).fill(password)
  await retry.getByRole('button', { name: 'Sign in' }).click()
  await expect(again.getByRole('alert')).toContainText('do not match')
  await nina.getByRole('link', { name: 'Settings' }).click()
  const change = nina.getByRole('form', { name: 'Change your password' })
  await change.getByLabel('Current password').fill('a-wrong-password-here')
  await change.getByLabel(/^New password/).fill('ninas-second-long-password')
  await change.getByLabel('Repeat the new password').fill('ninas-second-long-password')
  await change.getByRole('button', { name: 'Change password' }).click()
  await expect(change.getByRole('alert')).toHaveText('Your current password is not your current password.')
  await change.getByLabel('Current password').fill('ninas-own-long-password')
  await change.getByRole('button', { name: 'Change password' }).click()
  await expect(change.getByRole('status')).toContainText('Your password is changed')
  await nina.getByRole('link', { name: /Queue/ }).click()
  await expect(nina.getByText('Nina Ortiz').first()).toBeVisible()
})

test('an admin resets a password after a confirmation; the user’s sign-ins end and they choose a new one', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'The desktop app signs in at a team server; the browser host is its own.')
  const tom = await page.context().newPage()
  await signInWithPassword(tom, desk.url, 'tom@company.com')
  await signInWithPassword(page, desk.url, 'alex@company.com')
  await page.getByRole('link', { name: 'Users' }).click()
  const row = page.getByRole('row', { name: /Tom Becker/ })
  await row.getByRole('button', { name: 'Reset password…' }).click()
  await row
    .getByRole('group', { name: 'Confirm password reset for Tom Becker' })
    .getByRole('button', { name: 'Keep' })
    .click()
  await row.getByRole('button', { name: 'Reset password…' }).click()
  await row.getByRole('button', { name: "Reset Tom Becker's password" }).click()
  const shown = page.getByRole('status').filter({ hasText: 'sign-ins have ended' })
  const password = await shown.locator('code').innerText()
  expect(password).toMatch(/^.{16}$/)
  expect(await violations(page), 'users after a reset').toEqual([])

  await tom.reload()
  const form = tom.getByRole('form', { name: 'Sign in', exact: true })
  await expect(form).toBeVisible()
  await form.getByRole('textbox', { name: 'Email' }).fill('tom@company.com')
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await form.getByLabel(/^New password/).fill('toms-own-long-password')
  await form.getByLabel('Repeat the new password').fill('toms-own-long-password')
  await form.getByRole('button', { name: 'Set my password and sign in' }).click()
  await expect(tom.getByText('Tom Becker').first()).toBeVisible()
})

test('an admin hands all of a CSM’s open work to another, deactivates them with a taker, and reactivates them', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'The desktop app signs in at a team server; the browser host is its own.')
  await signInWithPassword(page, desk.url, 'alex@company.com')
  await page.getByRole('table', { name: 'CSMs' }).getByRole('link', { name: 'Tom Becker' }).click()
  const form = page.getByRole('form', { name: 'Reassign' })
  await form.getByLabel('Reassign to').selectOption('csm-202')
  await form.getByLabel('Reason').fill('Tom moves to onboarding')
  await form.getByRole('button', { name: /^Reassign all \d+ open$/ }).click()
  // A mass move takes a second look: how many, how much ARR, and Priya's load after.
  const confirm = form.getByRole('group', { name: 'Confirm reassignment' })
  await expect(confirm).toContainText(
    /Move \d+ workflows \(\$[\d,]+ ARR\) to Priya Patel\? Priya Patel would then hold \d+ open workflows/,
  )
  await confirm.getByRole('button', { name: 'Keep them where they are' }).click()
  await expect(confirm).toHaveCount(0)
  await expect(page.getByRole('table').getByRole('caption')).not.toHaveText('0 open workflows')
  await form.getByRole('button', { name: /^Reassign all \d+ open$/ }).click()
  await confirm.getByRole('button', { name: /^Reassign \d+ to Priya Patel$/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Reassigned' })).toContainText('to Priya Patel.')
  await expect(page.getByRole('table').getByRole('caption')).toHaveText('0 open workflows')

  await page.getByRole('link', { name: 'Users', exact: true }).click()
  const tom = page.getByRole('row', { name: /Tom Becker/ })
  await tom.getByRole('button', { name: 'Deactivate…' }).click()
  await tom.getByRole('button', { name: 'Deactivate Tom Becker' }).click()
  await expect(tom).toContainText('Deactivated')
  await tom.getByRole('button', { name: 'Reactivate Tom Becker' }).click()
  await expect(tom).toContainText('Deactivate…')
  // A role change takes a second look too.
  await tom.getByLabel('Role of Tom Becker').selectOption('admin')
  const promote = tom.getByRole('group', { name: 'Confirm role change for Tom Becker' })
  await expect(promote).toContainText('Tom Becker would see the whole team and manage users and imports.')
  await promote.getByRole('button', { name: 'Keep' }).click()
  await expect(tom.getByLabel('Role of Tom Becker')).toHaveValue('csm')
  await tom.getByLabel('Role of Tom Becker').selectOption('admin')
  await promote.getByRole('button', { name: 'Make Tom Becker an admin' }).click()
  await expect(promote).toHaveCount(0)
  await expect(tom.getByLabel('Role of Tom Becker')).toHaveValue('admin')

  // Marcus has open work: deactivating him needs someone to take it over.
  const marcus = page.getByRole('row', { name: /Marcus Chen/ })
  await marcus.getByRole('button', { name: 'Deactivate…' }).click()
  const go = marcus.getByRole('button', { name: 'Deactivate Marcus Chen' })
  await expect(go).toBeDisabled()
  await marcus.getByLabel("Who takes over Marcus Chen's open work").selectOption({ label: 'Sarah Johnson' })
  await go.click()
  await expect(marcus).toContainText('Deactivated')
  // His open work went to Sarah: he has none left.
  await expect(marcus.getByRole('cell').nth(3)).toHaveText('0')
})

test('a browser whose sign-in ends (signed out elsewhere) asks to sign in again', async ({ page, desk }) => {
  test.skip(desk.host === 'electron', 'The desktop app keeps its sign-in in main.')
  await signInWithPassword(page, desk.url, 'sarah@company.com')
  await expect(page.getByRole('grid', { name: 'Workflow queue' })).toBeVisible()
  // The same token is signed out by another tab: the next request answers 401.
  const status = await page.evaluate(
    "fetch('/api/auth/logout', { method: 'POST', headers: { authorization: 'Bearer ' + sessionStorage.getItem('csmdesk.token') } }).then((r) => r.status)",
  )
  expect(status).toBe(200)
  await page.keyboard.press('r')
  await expect(page.getByRole('heading', { name: 'Sign in to CSM Desk' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('Your sign-in has ended')
})
