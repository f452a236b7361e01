import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { TokenVerifier, signToken, type User } from './auth'
import { ApiError } from './errors'

const secret = 'test-secret-that-is-long-enough'
const sarah: User = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' }

function rejects(fn: () => unknown, message: RegExp): void {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('UNAUTHORIZED')
    expect((error as ApiError).status).toBe(401)
    expect((error as ApiError).message).toMatch(message)
    return
  }
  throw new Error('expected a 401')
}

function forge(header: object, claims: object, key = secret): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const body = `${enc(header)}.${enc(claims)}`
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier(secret)

  it('accepts a token it signed and returns the user', () => {
    expect(verifier.verifyHeader(`Bearer ${signToken(sarah, secret)}`)).toEqual(sarah)
  })

  it('rejects a missing or malformed header', () => {
    rejects(() => verifier.verifyHeader(undefined), /Missing Authorization/)
    rejects(() => verifier.verifyHeader('Basic abc'), /Malformed/)
    rejects(() => verifier.verifyHeader('Bearer not-a-jwt'), /Malformed/)
  })

  it('rejects a token signed with another secret', () => {
    rejects(() => verifier.verify(signToken(sarah, 'another-secret-long-enough')), /signature/)
  })

  it('rejects alg none and other algorithms', () => {
    const claims = { sub: 'csm-456', email: 'a@b.c', role: 'admin', exp: Date.now() / 1000 + 60 }
    rejects(() => verifier.verify(forge({ alg: 'none' }, claims)), /HS256/)
    rejects(() => verifier.verify(forge({ alg: 'HS512' }, claims)), /HS256/)
  })

  it('rejects a token with a tampered payload', () => {
    const [h, , s] = signToken(sarah, secret).split('.')
    const payload = Buffer.from(JSON.stringify({ ...sarah, sub: 'admin-1', role: 'admin', exp: 9e9 })).toString(
      'base64url',
    )
    rejects(() => verifier.verify(`${h}.${payload}.${s}`), /signature/)
  })

  it('rejects incomplete claims and unknown roles', () => {
    const exp = Date.now() / 1000 + 60
    rejects(() => verifier.verify(forge({ alg: 'HS256' }, { email: 'a@b.c', role: 'csm', exp })), /claims/)
    rejects(() => verifier.verify(forge({ alg: 'HS256' }, { sub: 'x', email: 'a@b.c', role: 'root', exp })), /claims/)
    rejects(() => verifier.verify(forge({ alg: 'HS256' }, { sub: 'x', email: 'a@b.c', role: 'csm' })), /claims/)
  })

  it('checks expiry against the real time, also for a token it has seen before', () => {
    let now = 1_000_000
    const clocked = new TokenVerifier(secret, () => now)
    const token = signToken(sarah, secret, { nowSeconds: now, expiresInSeconds: 60 })
    expect(clocked.verify(token)).toEqual(sarah)
    now += 61
    rejects(() => clocked.verify(token), /expired/)
    rejects(() => new TokenVerifier(secret, () => now).verify(token), /expired/)
  })

  it('refuses a secret too short to be safe', () => {
    expect(() => new TokenVerifier('short')).toThrow(/at least 16/)
  })
})
