import { signToken } from '../src-main/core/api/auth'
import { expect, test } from './fixtures'
import { TEAM_SECRET, withTeamServer } from './team-server'
import { completeCurrentStep } from './step-form'
import { reconnect } from './reconnect'

test('a CSM connects the app to the team server, works offline, and sees changes wait and then land', async ({
  page,
  desk,
}, testInfo) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    // A host that serves its own data follows no server, whoever asks; it says so in Settings.
    await desk.signIn(page)
    await expect(page.getByRole('link', { name: /^Local only/ })).toBeVisible()
    await expect(page.getByRole('banner').getByRole('status')).toHaveCount(0)
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByRole('region', { name: 'Team server' })).toContainText('can start it with --upstream')
    await expect(page.getByRole('form', { name: 'Connect to a team server' })).toHaveCount(0)

    // Whoever runs the desk starts it following the team server.
    const token = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, TEAM_SECRET)
    await desk.follow!(`${team.url}/api`, token)
    await desk.signIn(page)
    await page.getByRole('link', { name: 'Settings' }).click()
    await reconnect(page, `${team.url}/api`, 'not-a-token')
    await expect(page.getByRole('list', { name: 'Problems to fix' })).toContainText('token')
    const server = page.getByRole('region', { name: 'Team server' })
    await expect(server).toContainText('Online')
    await expect(page.getByRole('region', { name: 'Outbox' })).toContainText('Everything you did is on the server.')
    await expect(page.getByRole('link', { name: /^Sync: Synced/ })).toBeVisible()

    // The team server goes away; the CSM keeps working.
    await team.kill()
    await page.getByRole('link', { name: /Queue/ }).click()
    await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
    await expect(page.getByRole('form', { name: 'Step outcome' })).toBeVisible()
    await expect(page.getByRole('link', { name: /1 waiting/ })).toBeVisible({ timeout: 15_000 })
    await page.getByRole('link', { name: /1 waiting/ }).click()
    const waiting = page.getByRole('region', { name: 'Outbox' }).getByRole('row', { name: /Start/ })
    await expect(waiting).toContainText('Acme Corporation') // named by its account, not its workflow id
    await expect(waiting).toContainText(/Waiting \((1 try|[2-9] tries|\d{2,} tries): /)
    await expect(page.getByRole('region', { name: 'Team server' })).toContainText('Offline')
    await page.screenshot({ path: testInfo.outputPath('settings.png') })

    // It comes back (same database, same port is not guaranteed, so reconnect to its new URL).
    await team.restart()
    await reconnect(page, `${team.url}/api`, token)
    await expect(page.getByRole('region', { name: 'Outbox' })).toContainText('Everything you did is on the server.')
    await expect(server).toContainText('Online')
  })
})

test('a change the server refused stays visible with what the CSM did, and is discarded only on confirmation', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    const token = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, TEAM_SECRET)
    const connect = async () => {
      await reconnect(page, `${team.url}/api`, token)
    }
    await desk.follow!(`${team.url}/api`, token)
    await desk.signIn(page)
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByRole('region', { name: 'Team server' })).toContainText('Online')

    await team.kill()
    await page.getByRole('link', { name: /Queue/ }).click()
    await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
    await completeCurrentStep(page, 'Chosen offline')
    await expect(page.locator('#step-title')).toContainText('Review Health Indicators')

    // Meanwhile the same workflow is completed on the server from another device.
    await team.restart()
    const onServer = (path: string, body: unknown) =>
      fetch(`${team.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await onServer('/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    expect((await onServer('/workflows/wf-12345/complete', { totalDuration: 60, status: 'success' })).status).toBe(200)

    await page.getByRole('link', { name: 'Settings' }).click()
    await connect()
    const outbox = page.getByRole('region', { name: 'Outbox' })
    await expect(outbox).toContainText(/Refused \(\d+ tr(y|ies)\): Workflow wf-12345 is already completed/)
    await expect(page.getByRole('link', { name: /1 need attention/ })).toBeVisible()
    // Every try counts, the ones the network lost while the server was down included.
    const tries = Number(/Refused \((\d+)/.exec((await outbox.textContent()) ?? '')![1])
    await outbox.getByRole('button', { name: 'Retry' }).click()
    await expect(outbox).toContainText(`Refused (${tries + 1} tries)`)
    await outbox.getByRole('button', { name: 'Discard…' }).click()
    await outbox.getByRole('group', { name: 'Confirm discard' }).getByRole('button', { name: 'Keep' }).click()
    await expect(outbox).toContainText('Refused')
    // The step chosen after the refused start is held behind it, never sent on its own.
    await expect(outbox).toContainText('Held: waits for the refused change above')
    await expect(outbox).toContainText('Chosen offline')
    await outbox.getByRole('button', { name: 'Discard…' }).click()
    const confirm = outbox.getByRole('group', { name: 'Confirm discard' })
    await expect(confirm).toContainText('1 later change waits on it')
    await confirm.getByRole('button', { name: 'Discard all' }).click()
    await expect(outbox).toContainText('Everything you did is on the server.')
    await page.getByRole('link', { name: /Queue/ }).click()
    await expect(page.getByRole('grid', { name: 'Workflow queue' })).not.toContainText('Acme Corporation')
  })
})

test('what the CSM does on another device shows in the app by itself, in the queue and on the open workflow', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Needs a team server process beside the app; covered by the browser project.')
  await withTeamServer(async (team) => {
    const token = signToken({ id: 'csm-456', email: 'sarah@company.com', role: 'csm' }, TEAM_SECRET)
    const elsewhere = (path: string, body: unknown) =>
      fetch(`${team.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    await desk.follow!(`${team.url}/api`, token)
    await desk.signIn(page)
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByRole('region', { name: 'Team server' })).toContainText('Online')

    await page.goto(`${desk.url}#/workflow/wf-12345`)
    await expect(page.locator('#step-title')).toContainText('Analyze ARR Performance')
    expect((await elsewhere('/workflows/wf-12345/start', { csmId: 'csm-456' })).status).toBe(200)
    const step = { duration: 60, outputs: { decision: 'proceed', notes: 'Done on the laptop' } }
    expect((await elsewhere('/workflows/wf-12345/steps/analyze-arr-performance/complete', step)).status).toBe(200)
    // No reload, no click: the open workflow moves on to the next step.
    await expect(page.locator('#step-title')).toContainText('Review Health Indicators', { timeout: 10_000 })

    await page.getByRole('link', { name: /Queue/ }).click()
    const row = page.getByRole('row', { name: /TechCo/ })
    await expect(row).toContainText(/pending/i)
    expect((await elsewhere('/workflows/wf-67890/start', { csmId: 'csm-456' })).status).toBe(200)
    await expect(row).toContainText(/in progress/i, { timeout: 10_000 })
  })
})
