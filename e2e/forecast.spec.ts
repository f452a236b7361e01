import { readFileSync } from 'node:fs'
import { signToken } from '../src-main/core/api/auth'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { TEAM_SECRET, withTeamServer } from './team-server'
import { reconnect } from './reconnect'
import { violations } from './axe'

const SARAH = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }
const ADMIN = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }
const money = (n: number) => `$${n.toLocaleString('en-US')}`

interface ForecastMonth {
  month: string
  forecastArr: number
  atRisk: { accounts: number; arr: number }
}

async function forecastOf(url: string, token: string): Promise<ForecastMonth[]> {
  const answer = await fetch(`${url}/api/reports/forecast?from=2025-12&months=12`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return ((await answer.json()) as { months: ForecastMonth[] }).months
}

/** The admin's Reports screen, the December row of the forecast table. */
async function decemberRow(page: Page) {
  await page.getByRole('link', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { name: /The team: renewals of the next 12 months/ })).toBeVisible()
  return page.getByRole('row', { name: /^Dec 2025/ })
}

test('an admin reads a month’s at-risk ARR in Reports, as the team server figures it', async ({ page, desk }) => {
  test.skip(desk.host === 'electron', 'The electron project signs in as Sarah, who has no team view.')
  await desk.signInAs!(page, ADMIN)
  const months = await forecastOf(desk.url, signToken(ADMIN, 'e2e-secret-long-enough-for-hs256'))
  const december = months.find((m) => m.month === '2025-12')!
  expect(december.atRisk.arr).toBeGreaterThan(0)
  const row = await decemberRow(page)
  await expect(row.getByTestId('at-risk-2025-12')).toHaveText(
    `${money(december.atRisk.arr)} (${december.atRisk.accounts})`,
  )
  await expect(page.getByRole('img', { name: /Renewing ARR by month/ })).toBeVisible()

  // The table exports as CSV, figures as numbers.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await (await download).path()
  const lines = readFileSync(file, 'utf8').split('\r\n')
  expect(lines[0]).toMatch(/^Month,Accounts,ARR,Forecast ARR,/)
  expect(lines[1]!.split(',').slice(-3)).toEqual([
    String(december.atRisk.accounts),
    String(december.atRisk.arr),
    expect.any(String),
  ])
})

test('Sarah sets a forecast offline with f; once her desk syncs, the admin’s forecast moves', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    const sarahToken = signToken(SARAH, TEAM_SECRET)
    const adminToken = signToken(ADMIN, TEAM_SECRET)
    const before = (await forecastOf(team.url, adminToken)).find((m) => m.month === '2025-12')!
    await desk.follow!(`${team.url}/api`, sarahToken)
    await desk.signIn(page)
    await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 15_000 })
    await team.kill()

    // Offline: Sarah opens Acme (renews 31 December at $500,000) and forecasts it at risk for less.
    await page.goto(`${desk.url}/#/workflow/wf-12345`)
    const panel = page.getByRole('region', { name: 'Renewal forecast' })
    await expect(panel).toContainText('Not set')
    await page.keyboard.press('f')
    const form = page.getByRole('form', { name: 'Change forecast' })
    await expect(form.getByRole('radio', { name: 'Not set' })).toBeFocused()
    await form.getByRole('radio', { name: 'At risk' }).check()
    await form.getByRole('textbox', { name: 'Expected ARR at renewal' }).fill('350000')
    await form.getByRole('textbox', { name: 'Note' }).fill('Budget freeze until Q2')
    await form.getByRole('button', { name: 'Save forecast' }).click()
    await expect(panel).toContainText('At risk')
    await expect(panel).toContainText('$350,000')

    // Her own forecast report still works offline, from what the desk holds, and says so.
    await page.getByRole('link', { name: 'Reports' }).click()
    await expect(page.getByRole('note')).toContainText('The team server is out of reach')
    // Acme's $500,000 renewal now counts under "At risk" (the sixth figure of December's row).
    await expect(
      page
        .getByRole('row', { name: /^Dec 2025/ })
        .getByRole('cell')
        .nth(5),
    ).toHaveText('$500,000')

    // The server comes back at a new address; the desk reconnects and its change lands.
    await team.restart()
    await page.getByRole('link', { name: 'Settings' }).click()
    await reconnect(page, `${team.url}/api`, sarahToken)
    await expect(page.getByRole('region', { name: 'Outbox' })).toContainText('Everything you did is on the server.')

    const after = (await forecastOf(team.url, adminToken)).find((m) => m.month === '2025-12')!
    expect(after.forecastArr).toBe(before.forecastArr - 150_000)

    // The admin's Reports screen shows it moved.
    const admin = await page.context().newPage()
    await admin.goto(`${team.url}/#token=${adminToken}`)
    const row = await decemberRow(admin)
    await expect(row).toContainText(money(after.forecastArr))
  })
})

test('Sarah records Acme renewed from its workflow; the work moves on and the quarter counts it', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Covered by the browser project (the desk signs in as Sarah there too).')
  await desk.signIn(page)
  await page.goto(`${desk.url}/#/workflow/wf-12345`)
  const panel = page.getByRole('region', { name: 'Renewal forecast' })
  await panel.getByRole('button', { name: 'Record outcome…' }).click()
  const form = page.getByRole('form', { name: "Record the renewal's outcome" })
  await expect(form.getByRole('textbox', { name: 'New ARR' })).toHaveValue('500000')
  await form.getByRole('textbox', { name: 'New ARR' }).fill('560000')
  await expect(form.getByLabel('Next renewal')).toHaveValue('2026-12-31')
  await form.getByRole('button', { name: 'Record renewal' }).click()
  await expect(page.getByRole('status')).toContainText('Closed: the account renewed')

  await page.getByRole('link', { name: 'Reports' }).click()
  await page.getByRole('tab', { name: 'Outcomes' }).click()
  const quarter = page.getByRole('table').filter({ hasText: 'this quarter' })
  await expect(quarter.getByRole('row', { name: /^All/ })).toContainText('$500,000 → $560,000')
  await expect(quarter.getByRole('row', { name: /^All/ })).toContainText('112.0%') // NRR: 560,000 / 500,000
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Reports and the forecast form pass axe in the ${colorScheme} theme`, async ({ page, desk }) => {
    test.skip(desk.host === 'electron', 'The electron project signs in as Sarah, who has no team view.')
    await page.emulateMedia({ colorScheme })
    await desk.signInAs!(page, ADMIN)
    await decemberRow(page)
    expect(await violations(page), 'forecast').toEqual([])
    await page.getByRole('tab', { name: 'Outcomes' }).click()
    await expect(page.getByRole('table').first()).toContainText('this quarter')
    expect(await violations(page), 'outcomes').toEqual([])
    await page.getByRole('tab', { name: 'Activity' }).click()
    await expect(page.getByText(/This quarter,/)).toBeVisible()
    expect(await violations(page), 'activity').toEqual([])

    await desk.signIn(page)
    await page.goto(`${desk.url}/#/workflow/wf-12345`)
    await page.getByRole('button', { name: /Change forecast/ }).click()
    await expect(page.getByRole('form', { name: 'Change forecast' })).toBeVisible()
    expect(await violations(page), 'forecast form').toEqual([])
    await page.keyboard.press('Escape')
    await expect(page.getByRole('form', { name: 'Change forecast' })).toHaveCount(0)
    await expect(page).toHaveURL(/#\/workflow\/wf-12345/) // Esc closed the form, and stayed
  })
}
