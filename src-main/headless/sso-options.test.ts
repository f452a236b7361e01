import { describe, expect, it } from 'vitest'
import { ssoOptions } from './sso-options'

const SECRET = { CSMDESK_OIDC_CLIENT_SECRET: 'from-the-environment' }

describe('single sign-on flags', () => {
  it('reads the provider from flags and its secret from the environment only', () => {
    const { oidc, passwordSignIn } = ssoOptions(
      {
        'oidc-issuer': 'https://company.okta.com',
        'oidc-client-id': 'csm-desk',
        'oidc-name': 'Okta',
        'oidc-allowed-domains': 'Company.com, eu.company.com',
        'oidc-admin-group': 'CS Ops',
        'password-sign-in': 'admins',
      },
      SECRET,
    )
    expect(passwordSignIn).toBe('admins')
    expect(oidc).toEqual({
      issuer: 'https://company.okta.com',
      clientId: 'csm-desk',
      clientSecret: 'from-the-environment',
      name: 'Okta',
      allowedDomains: ['company.com', 'eu.company.com'],
      adminGroup: 'CS Ops',
      groupsClaim: 'groups',
      scopes: 'openid email profile',
    })
    expect(ssoOptions({}, {})).toEqual({ passwordSignIn: 'all' })
  })

  it('refuses an http issuer off this computer, a half-given setup and an unknown password rule', () => {
    const flags = { 'oidc-client-id': 'csm-desk' }
    expect(() => ssoOptions({ ...flags, 'oidc-issuer': 'http://idp.company.com' }, SECRET)).toThrow(/https/)
    expect(ssoOptions({ ...flags, 'oidc-issuer': 'http://127.0.0.1:9000' }, SECRET).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    )
    expect(() => ssoOptions({ ...flags, 'oidc-issuer': 'https://idp.company.com' }, {})).toThrow(
      /CSMDESK_OIDC_CLIENT_SECRET/,
    )
    expect(() => ssoOptions({ 'password-sign-in': 'off' }, SECRET)).toThrow(/needs single sign-on/)
    expect(() => ssoOptions({ 'password-sign-in': 'some' }, SECRET)).toThrow(/all, admins or off/)
    expect(() =>
      ssoOptions(
        { ...flags, 'oidc-issuer': 'https://idp.company.com', 'oidc-allowed-domains': 'not a domain' },
        SECRET,
      ),
    ).toThrow(/company\.com/)
  })
})
