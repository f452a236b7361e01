import { expect, test } from './fixtures'

test("the workflow screen shows the account's earlier workflow, as the previous CSM left it", async ({
  page,
  desk,
}) => {
  await desk.signIn(page)
  await page.getByRole('button', { name: 'Start Acme Corporation' }).click()
  const history = page.getByRole('region', { name: 'Earlier on this account' })
  await expect(history).toContainText('Marcus Chen')
  await expect(history).toContainText('partial')
  await history.getByText(/Marcus Chen/).click()
  await expect(history).toContainText('procurement wants a 2-year term')
  await expect(history).toContainText('marcus@company.com')
})
