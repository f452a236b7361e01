import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signToken } from '../core/api/auth'
import { tempDbPath } from '../core/testing'
import { identityFromToken } from '../core/api/auth'
import { DesktopSession } from './session'
import { TokenStore, type Encryption } from './token-store'

const encryption: Encryption = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
}
const marcus = { id: 'csm-101', email: 'marcus@company.com', role: 'csm' as const }

describe('identityFromToken', () => {
  it('reads sub, email and role from an unexpired token', () => {
    expect(identityFromToken(signToken(marcus, 'any-secret-long-enough'))).toEqual(marcus)
  })

  it('refuses expired, incomplete and malformed tokens', () => {
    expect(
      identityFromToken(signToken(marcus, 'any-secret-long-enough', { nowSeconds: 1000, expiresInSeconds: 10 })),
    ).toBeNull()
    expect(identityFromToken('a.b.c')).toBeNull()
    expect(identityFromToken('nope')).toBeNull()
  })
})

describe('DesktopSession', () => {
  it('starts as the demo CSM, signs in with a token that survives a restart, and signs out', async () => {
    const file = join(tempDbPath(), '..', 'token.bin')
    const session = new DesktopSession(new TokenStore(file, encryption))
    await session.restore()
    expect(session.current().id).toBe('csm-456')
    expect((await session.handle('POST', '/session', { token: 'garbage' })).status).toBe(400)
    expect(
      (await session.handle('POST', '/session', { token: signToken(marcus, 'any-secret-long-enough') })).status,
    ).toBe(200)
    expect(session.current()).toEqual(marcus)

    const restarted = new DesktopSession(new TokenStore(file, encryption))
    await restarted.restore()
    expect(restarted.current()).toEqual(marcus)
    await restarted.handle('POST', '/session/sign-out', undefined)
    expect(restarted.current().id).toBe('csm-456')
    expect((await restarted.handle('GET', '/session', undefined)).body).toMatchObject({ user: { id: 'csm-456' } })
  })
})
