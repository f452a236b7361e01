import { describe, expect, it } from 'vitest'
import { challengeOf, pkcePair } from './sso'

describe('a browser tab’s PKCE pair', () => {
  it('has the S256 challenge of RFC 7636’s own example', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('is a fresh verifier each time, with its challenge', async () => {
    const first = await pkcePair()
    const second = await pkcePair()
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(first.verifier).not.toBe(second.verifier)
    expect(first.challenge).toBe(await challengeOf(first.verifier))
  })
})
