import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { CLIENT_ID, CLIENT_SECRET, TestProvider } from '../src-main/core/sso/testing'
import { violations } from './axe'
import { NOW, expect, startHost, test } from './fixtures'

/** The provider's own sign-in page (its development interactions): any login, any password. */
async function atTheProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('whatever-the-provider-asks')
  await page.getByRole('button', { name: 'Sign-in' }).click()
}

test('a new CSM signs in through the provider and lands in their queue; an admin-group member lands on the Team screen', async ({
  page,
  desk,
}) => {
  test.skip(desk.host === 'electron', 'The desktop app opens the system browser; the headless desk test covers it.')
  const idp = await TestProvider.listen()
  const dir = mkdtempSync(join(tmpdir(), 'csmdesk-sso-'))
  const team = await startHost(dir, 'team-server-secret-for-the-sso-run', NOW, undefined, {
    args: [
      ...['--oidc-issuer', idp.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-name', 'Okta'],
      ...['--oidc-allowed-domains', 'company.com', '--oidc-admin-group', 'CS Ops'],
      ...['--oidc-scopes', 'openid email profile groups', '--password-sign-in', 'admins'],
    ],
    env: { CSMDESK_OIDC_CLIENT_SECRET: CLIENT_SECRET },
  })
  try {
    await idp.configure([team.url])
    idp.users.set('okta-nina', { email: 'nina@company.com', email_verified: true, name: 'Nina Patel' })
    idp.users.set('okta-ana', { email: 'ana@company.com', email_verified: true, name: 'Ana Ruiz', groups: ['CS Ops'] })

    await page.goto(team.url)
    // Passwords are for admins alone here: behind a disclosure, below single sign-on.
    await expect(page.getByRole('form', { name: 'Sign in', exact: true })).toBeHidden()
    await expect(page.getByText('Admins: sign in with a password')).toBeVisible()
    expect(await violations(page), 'sign-in').toEqual([])
    await page.getByRole('button', { name: 'Sign in with Okta' }).click()
    await atTheProvider(page, 'okta-nina')
    await expect(page.getByRole('heading', { name: 'Nothing waiting for you' })).toBeVisible()
    await expect(page.getByRole('banner')).toContainText('Nina Patel')

    // Signing out ends the provider's session too: it asks, then comes back to the app.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in to CSM Desk' })).toBeVisible()

    await page.getByRole('button', { name: 'Sign in with Okta' }).click()
    await atTheProvider(page, 'okta-ana')
    await expect(page.getByRole('heading', { name: 'Team', exact: true })).toBeVisible()
    await expect(page.getByRole('banner')).toContainText('Ana Ruiz')
  } finally {
    team.child.kill()
    await idp.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a refusal at single sign-on comes back to the sign-in screen in words', async ({ page, desk }) => {
  test.skip(desk.host === 'electron', 'The desktop app opens the system browser; the headless desk test covers it.')
  const idp = await TestProvider.listen()
  const dir = mkdtempSync(join(tmpdir(), 'csmdesk-sso-'))
  const team = await startHost(dir, 'team-server-secret-for-the-sso-run', NOW, undefined, {
    args: ['--oidc-issuer', idp.issuer, '--oidc-client-id', CLIENT_ID, '--oidc-name', 'Okta'],
    env: { CSMDESK_OIDC_CLIENT_SECRET: CLIENT_SECRET },
  })
  try {
    await idp.configure([team.url])
    idp.users.set('outsider', { email: 'eve@elsewhere.org', email_verified: true })
    await page.goto(team.url)
    await page.getByRole('button', { name: 'Sign in with Okta' }).click()
    await atTheProvider(page, 'outsider')
    await expect(page.getByRole('alert')).toContainText('eve@elsewhere.org is not a user of this team')
    await expect(page.getByRole('form', { name: 'Sign in', exact: true })).toBeVisible()
  } finally {
    team.child.kill()
    await idp.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
