import { describe, expect, it } from 'vitest'
import { hashPassword, NO_USER_HASH, passwordProblem, temporaryPassword, verifyPassword } from './passwords'

describe('passwords', () => {
  it('are salted scrypt hashes that only the right password matches', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')])
    expect(a).not.toBe(b)
    expect(a).not.toContain('correct')
    expect(await verifyPassword('correct horse battery', a)).toBe(true)
    expect(await verifyPassword('correct horse batterY', a)).toBe(false)
    expect(await verifyPassword('anything at all', NO_USER_HASH)).toBe(false)
    expect(await verifyPassword('anything at all', 'not-a-hash')).toBe(false)
  })

  it('must be at least 12 characters; temporary ones are 16', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/)
    expect(passwordProblem('long-enough-pass')).toBeNull()
    expect(temporaryPassword()).toMatch(/^[A-Za-z2-9]{16}$/)
  })
})
