import { signToken } from '../src-main/core/api/auth'
import type { Page } from '@playwright/test'
import { expect, test, type Desk } from './fixtures'
import { TEAM_SECRET, withTeamServer, type TeamServer } from './team-server'
import { completeCurrentStep } from './step-form'
import { reconnect } from './reconnect'

const SARAH = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }
const MARCUS = { id: 'csm-101', email: 'marcus@company.com', role: 'csm' as const }
const ADMIN = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }

/** The desk follows the team server, which then goes away; Sarah starts Acme and records its first step. */
async function workAcmeOffline(page: Page, desk: Desk, team: TeamServer, token: string, notes: string): Promise<void> {
  await desk.follow!(`${team.url}/api`, token)
  await desk.signIn(page)
  await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible({ timeout: 15_000 })
  await team.kill()
  await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
  await completeCurrentStep(page, notes)
  await expect(page.locator('#step-title')).toContainText('Review Health Indicators')
}

test('Sarah works offline; an admin reassigns the workflow to Marcus; when she reconnects Marcus has her notes and she is told', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    const sarahToken = signToken(SARAH, TEAM_SECRET)
    // The team server goes away; Sarah works on Acme.
    await workAcmeOffline(page, desk, team, sarahToken, 'CFO wants a two-year term')

    // Meanwhile an admin gives Acme to Marcus.
    await team.restart()
    const moved = await fetch(`${team.url}/api/admin/workflows/reassign`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signToken(ADMIN, TEAM_SECRET)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workflowIds: ['wf-12345'], toCsmId: 'csm-101', reason: 'Sarah is on leave' }),
    })
    expect(moved.status).toBe(200)

    // Sarah reconnects to the server at its new address.
    await page.getByRole('link', { name: 'Settings' }).click()
    await reconnect(page, `${team.url}/api`, sarahToken)
    const told = page.getByRole('status', { name: 'While you were offline' })
    await expect(told).toContainText('Acme Corporation renewal was reassigned to Marcus Chen; your 2 changes')
    await expect(page.getByRole('region', { name: 'Outbox' })).toContainText('Everything you did is on the server.')
    await page.getByRole('link', { name: /Queue/ }).click()
    await expect(page.getByRole('button', { name: 'Start Acme Corporation' })).toHaveCount(0)
    await told.getByRole('button', { name: 'Got it' }).click()
    await expect(told).toHaveCount(0)

    // Marcus opens Acme on the team server's app: Sarah's notes are there.
    const marcus = await page.context().newPage()
    await marcus.goto(`${team.url}/#token=${signToken(MARCUS, TEAM_SECRET)}`)
    await marcus.goto(`${team.url}/#/workflow/wf-12345`)
    await expect(marcus.getByText('CFO wants a two-year term').first()).toBeVisible()
  })
})

test('a desk offline across a stage boundary: the server restarts with the clock moved and the desk’s steps land', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    const token = signToken(SARAH, TEAM_SECRET)
    await workAcmeOffline(page, desk, team, token, 'Recorded the night before')

    // A week on, Acme's renewal is overdue: the restarted server's planner retypes its pending workflow.
    await team.restart('2026-01-04T14:00:00Z')
    const before = await fetch(`${team.url}/api/workflows/wf-12345/context`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(((await before.json()) as { workflow: { type: string } }).workflow.type).not.toBe('emergency-renewal')

    await page.getByRole('link', { name: 'Settings' }).click()
    await reconnect(page, `${team.url}/api`, token)
    await expect(page.getByRole('region', { name: 'Outbox' })).toContainText('Everything you did is on the server.')
    const after = await fetch(`${team.url}/api/workflows/wf-12345/context`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const context = (await after.json()) as {
      workflow: { type: string; status: string; steps: { result: { outputs: { notes?: string } } | null }[] }
    }
    expect(context.workflow).toMatchObject({ type: 'emergency-renewal', status: 'in_progress' })
    expect(context.workflow.steps[0]!.result!.outputs.notes).toBe('Recorded the night before')
  })
})
