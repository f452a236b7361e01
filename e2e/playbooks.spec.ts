import type { Page } from '@playwright/test'
import { signToken } from '../src-main/core/api/auth'
import { violations } from './axe'
import { SECRET, expect, test } from './fixtures'
import { completeCurrentStep } from './step-form'

const ALEX = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }
const MARCUS = { id: 'csm-101', email: 'marcus@company.com', role: 'csm' as const }

/** Replaces the text of the template editor (CodeMirror) with `text`, typed as a person would. */
async function typeTemplate(page: Page, stepName: string, text: string) {
  const editor = page.getByRole('textbox', { name: `Template of ${stepName}` })
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.type(text)
}

const stepNames = (page: Page) => page.getByRole('navigation', { name: 'Steps' })

test('an admin adds a step to finalize-renewal, previews it on Acme and publishes; pending workflows take it, begun ones do not', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Admin screens run on the team server; the browser host is its own.')
  // Sarah gets Wonka's pending finalize workflow; her Brightline one is in progress.
  const reassigned = await page.request.post(`${desk.url}/api/admin/workflows/reassign`, {
    headers: { authorization: `Bearer ${signToken(ALEX, SECRET)}` },
    data: { workflowIds: ['wf-30008'], toCsmId: 'csm-456', reason: 'Covering for Marcus' },
  })
  expect(reassigned.status()).toBe(200)

  await desk.signInAs!(page, ALEX)
  await page.getByRole('link', { name: 'Playbooks' }).click()
  await expect(page.getByRole('combobox', { name: 'Playbook for the Finalize stage' })).toHaveValue('finalize-renewal')
  expect(await violations(page), 'playbooks').toEqual([])
  await page.getByRole('link', { name: 'Finalize renewal' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Finalize renewal' })).toBeVisible()
  await expect(page.getByText('Version 1 is published.')).toBeVisible()

  await page.getByRole('button', { name: 'Add a step' }).click()
  const step = page.getByRole('region', { name: 'Step' })
  await step.getByLabel('Name', { exact: true }).fill('Security review')
  await typeTemplate(page, 'Security review', '<p>Ask {{customer.name}} about the security questionnaire.</p>')
  await page.getByRole('button', { name: 'Move up' }).click()

  const preview = page.getByRole('region', { name: 'Preview' })
  await preview.getByLabel('Find an account').fill('acme')
  await expect(preview.getByLabel('Preview on')).toHaveValue('wf-12345')
  await expect(preview.locator('.rendered')).toHaveText('Ask Acme Corporation about the security questionnaire.')
  expect(await violations(page), 'playbook editor').toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await violations(page), 'playbook editor, dark').toEqual([])
  await page.emulateMedia({ colorScheme: 'light' })

  // A broken line is refused on its line, then fixed.
  await typeTemplate(page, 'Security review', '<p>{{customer.nickname}}</p>')
  await page.getByLabel('Note for this version').fill('Security review before final terms')
  await page.getByRole('button', { name: 'Publish as version 2' }).click()
  await expect(page.getByText('Not published: fix the problems below first.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Check results' })).toContainText(
    'Security review, line 1: customer.nickname is not in the workflow context',
  )
  await expect(page.getByRole('list', { name: 'Problems in Security review' })).toContainText('Line 1')
  await typeTemplate(page, 'Security review', '<p>Ask {{customer.name}} about the security questionnaire.</p>')
  await page.getByRole('button', { name: 'Publish as version 2' }).click()
  await expect(page.getByText(/^Published as version 2\./)).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Compare version 1' }).click()
  await expect(page.locator('.playbook-diff ins').first()).toContainText('Step security-review: Security review')

  await page.goto('about:blank')
  await desk.signIn(page)
  await page.evaluate("window.location.hash = '#/workflow/wf-30008'")
  await expect(page.getByRole('heading', { level: 1, name: 'Wonka Confections' })).toBeVisible()
  await expect(stepNames(page)).toContainText('Security review')
  await page.evaluate("window.location.hash = '#/workflow/wf-20001'")
  await expect(page.getByRole('heading', { level: 1, name: 'Brightline Health' })).toBeVisible()
  await expect(stepNames(page)).toContainText('Agree Final Terms')
  await expect(stepNames(page)).not.toContainText('Security review')

  // The admin rolls back: version 1's steps are published again, and Wonka's pending workflow follows.
  await page.goto('about:blank')
  await desk.signInAs!(page, ALEX)
  await page.evaluate("window.location.hash = '#/playbooks/finalize-renewal'")
  await page.getByRole('button', { name: 'Roll back to version 1' }).click()
  await expect(page.getByText('Version 1 is published again, as version 3.')).toBeVisible()
  await expect(page.getByText('Version 3 is published.')).toBeVisible()
  await page.goto('about:blank')
  await desk.signIn(page)
  await page.evaluate("window.location.hash = '#/workflow/wf-30008'")
  await expect(stepNames(page)).toContainText('Agree Final Terms')
  await expect(stepNames(page)).not.toContainText('Security review')
})

test('an admin makes an executive business review of two steps; Marcus starts it on his account and completes it', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'Admin screens run on the team server; the browser host is its own.')
  await desk.signInAs!(page, ALEX)
  await page.getByRole('link', { name: 'Playbooks' }).click()
  const form = page.getByRole('form', { name: 'New playbook' })
  await form.getByLabel('Name').fill('Executive business review')
  await form.getByRole('button', { name: 'Create as a draft' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Executive business review' })).toBeVisible()
  await expect(page.getByText('Not published yet.')).toBeVisible()

  const step = page.getByRole('region', { name: 'Step' })
  await step.getByLabel('Name', { exact: true }).fill('Prepare the deck')
  await typeTemplate(page, 'Prepare the deck', '<p>Build the deck for {{customer.name}}.</p>')
  await page.getByRole('button', { name: 'Add a step' }).click()
  await step.getByLabel('Name', { exact: true }).fill('Hold the review')
  await typeTemplate(page, 'Hold the review', '<p>Meet with {{customer.name}}; {{csm.name}} leads.</p>')
  await page.getByRole('button', { name: 'Publish as version 1' }).click()
  await expect(page.getByText(/^Published as version 1\./)).toBeVisible({ timeout: 20_000 })

  // The Negotiate stage may run it instead of its own; the admin tries it and goes back.
  await page.getByRole('link', { name: 'All playbooks' }).click()
  const negotiate = page.getByRole('combobox', { name: 'Playbook for the Negotiate stage' })
  await negotiate.selectOption({ label: 'Executive business review' })
  await expect(page.getByText(/^Negotiate now starts Executive business review; \d+ pending workflow/)).toBeVisible()
  await negotiate.selectOption({ label: 'Negotiate renewal' })
  await expect(page.getByText(/^Negotiate now starts Negotiate renewal; \d+ pending workflow/)).toBeVisible()

  await page.goto('about:blank')
  await desk.signInAs!(page, MARCUS)
  await page.evaluate("window.location.hash = '#/workflow/wf-30008'")
  await expect(page.getByRole('heading', { level: 1, name: 'Wonka Confections' })).toBeVisible()
  await page.getByRole('button', { name: 'Start a playbook on Wonka Confections…' }).click()
  const start = page.getByRole('form', { name: 'Start a playbook on Wonka Confections' })
  await expect(start.getByLabel('Playbook')).toContainText('Executive business review (2 steps')
  await start.getByLabel('Note (optional)').fill('Before their budget cycle')
  expect(await violations(page), 'start a playbook').toEqual([])
  await start.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(page.locator('.wf-facts')).toContainText('Executive business review')
  await expect(page.getByText('Before their budget cycle')).toBeVisible()

  await page.getByRole('button', { name: /Start workflow/ }).click()
  await expect(page.locator('.rendered')).toContainText('Build the deck for Wonka Confections.')
  await completeCurrentStep(page, 'Deck ready')
  await expect(page.locator('.rendered')).toContainText('Meet with Wonka Confections; Marcus')
  await completeCurrentStep(page, 'Went well')
  const finish = page.getByRole('form', { name: 'Complete workflow' })
  await finish.getByRole('radio', { name: 'Success' }).check()
  await finish.getByRole('button', { name: /Complete workflow/ }).click()
  await expect(page.getByRole('region', { name: 'Workflow completed' })).toContainText('2 steps completed, 0 skipped')
})
