import { describe, expect, it } from 'vitest'
import { isEmail, MAX_EMAIL_LENGTH } from './email'

describe('isEmail', () => {
  it('takes ordinary addresses and refuses what is not one', () => {
    for (const good of ['sarah@company.com', 'a.b+c@mail.co.uk', 'x@y.io']) expect(isEmail(good)).toBe(true)
    for (const bad of ['', 'sarah', 'sarah@company', '@company.com', 'a b@c.com', 'a@b@c.com', 'a@b..com', 'a@b.com.'])
      expect(isEmail(bad), bad).toBe(false)
  })

  it('refuses an overlong address by its length, whatever it holds', () => {
    const local = 'a'.repeat(MAX_EMAIL_LENGTH - '@x.io'.length)
    expect(isEmail(`${local}@x.io`)).toBe(true)
    expect(isEmail(`a${local}@x.io`)).toBe(false)
  })
})
