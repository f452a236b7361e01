import { violations } from './axe'
import { expect, test } from './fixtures'

const ALEX = { id: 'admin-1', email: 'alex@company.com', role: 'admin' as const }
const MARCUS = { id: 'csm-101', email: 'marcus@company.com', role: 'csm' as const }

// The demo's day is 2025-12-28: these renew in the Signature, Negotiate and Monitor stages.
const ACCOUNTS = [
  'Account ID,Account Name,Website,ARR,Renewal Date,Account Owner,Region',
  'Q-1,Quasar Labs,https://www.quasar.dev,"$250,000.00",1/20/2026,marcus@company.com,NA',
  'Q-2,Nebula Foods,nebula.com,90000,3/15/2026,Marcus Chen,EMEA',
  'Q-3,Broken Row,broken.com,-5,3/15/2026,marcus@company.com,EMEA',
  'Q-4,Pulsar Health,pulsar.com,410000,2026-09-30,marcus@company.com,APAC',
].join('\n')

test('an admin previews an export with its errors, imports the good rows, and the owner finds the new workflows in their queue', async ({
  page,
  desk,
}) => {
  test.skip(!desk.signInAs, 'The desktop app signs in one demo CSM; the browser host runs the admin’s import.')
  await desk.signInAs!(page, ALEX)
  await page.getByRole('link', { name: 'Import' }).click()
  await page
    .getByLabel('File to import')
    .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(ACCOUNTS) })
  await page.getByRole('button', { name: 'Preview' }).click()

  const preview = page.getByRole('region', { name: 'Preview' })
  await expect(preview).toContainText('4 rows read')
  await expect(preview).toContainText('Columns left out: Region')
  const errors = preview.getByRole('table', { name: '1 error' })
  await expect(errors.getByRole('row').nth(1)).toHaveText(/4\s*ARR\s*-5\s*must not be negative/)
  await expect(preview.getByRole('table', { name: /first accounts/ })).toContainText('Quasar Labs')
  // The preview plans on the rows that would be written, errors or not.
  await expect(preview).toContainText('Renewal workflows this would plan: 3 new')
  const importButton = preview.getByRole('button', { name: 'Import 3 accounts' })
  await expect(importButton).toBeDisabled()
  expect(await violations(page), 'import preview').toEqual([])

  await preview.getByLabel(/Skip the 1 row with errors/).check()
  await importButton.click()
  await expect(page.getByRole('status').filter({ hasText: 'Imported accounts.csv' })).toContainText(
    '3 new accounts, 0 updated, 0 unchanged, 1 row with errors skipped. Renewal workflows: 3 created',
  )
  // The skipped rows stay in view, and download as a CSV to fix.
  const skipped = page.getByRole('region', { name: 'Rows not imported' })
  await expect(skipped.getByRole('table', { name: '1 error' })).toContainText('must not be negative')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    skipped.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
  ])
  const { readFileSync } = await import('node:fs')
  expect(readFileSync((await download.path())!, 'utf8').split('\r\n')).toEqual([
    'Account ID,Account Name,Website,ARR,Renewal Date,Account Owner,Region,error',
    // A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text.
    "Q-3,Broken Row,broken.com,'-5,3/15/2026,marcus@company.com,EMEA,ARR: must not be negative (-5)",
    '',
  ])

  const marcus = await page.context().newPage()
  await desk.signInAs!(marcus, MARCUS)
  const grid = marcus.getByRole('grid')
  await expect(grid.getByRole('row', { name: /Quasar Labs .* Signature Pending/ })).toBeVisible()
  // The new accounts sort among his others: find each by name.
  const search = marcus.getByRole('searchbox')
  for (const [name, stage] of [
    ['Nebula Foods', 'Negotiate'],
    ['Pulsar Health', 'Monitor'],
    ['Broken Row', null],
  ] as const) {
    await search.fill(name)
    if (stage) await expect(grid.getByRole('row', { name: new RegExp(`${name} .* ${stage} Pending`) })).toBeVisible()
    else await expect(grid.getByText(name)).toHaveCount(0)
  }
})
