import { describe, expect, it } from 'vitest'
import { headerKey, parseDate, parseDomain, parseMoney, parseWhole } from './values'

describe('import values', () => {
  it.each(['1200000', '1,200,000', '$1,200,000.00', ' 1200000 ', '$ 1200000'])('reads %j as 1,200,000', (text) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: 1_200_000 })
  })

  it.each([
    ['-5', 'must not be negative'],
    ['twelve', 'must be an amount'],
    ['1,20,000', 'must be an amount'],
    ['', 'must be an amount'],
  ])('refuses %j as money', (text, message) => {
    expect(parseMoney(text)).toEqual({ ok: false, message: expect.stringContaining(message) })
  })

  it('reads ISO dates, with a time too, and slashed dates by the chosen order', () => {
    expect(parseDate('2026-03-31', 'MDY')).toEqual({ ok: true, value: '2026-03-31' })
    expect(parseDate('2026-03-31T10:00:00Z', 'DMY')).toEqual({ ok: true, value: '2026-03-31' })
    expect(parseDate('3/31/2026', 'MDY')).toEqual({ ok: true, value: '2026-03-31' })
    expect(parseDate('31/03/2026', 'DMY')).toEqual({ ok: true, value: '2026-03-31' })
    expect(parseDate('2026/03/31', 'YMD')).toEqual({ ok: true, value: '2026-03-31' })
    expect(parseDate('2026/03/31', 'MDY')).toEqual({ ok: true, value: '2026-03-31' })
  })

  it('refuses impossible dates, dates in the other order, and text', () => {
    expect(parseDate('02/30/2026', 'MDY')).toEqual({ ok: false, message: expect.stringContaining('not a real date') })
    expect(parseDate('31/03/2026', 'MDY')).toEqual({ ok: false, message: expect.stringContaining('not a real date') })
    expect(parseDate('2026-02-29', 'MDY').ok).toBe(false)
    expect(parseDate('2028-02-29', 'MDY').ok).toBe(true)
    expect(parseDate('next spring', 'MDY')).toEqual({ ok: false, message: expect.stringContaining('must be a date') })
    expect(parseDate('3/31/26', 'MDY')).toEqual({ ok: false, message: expect.stringContaining('four-digit year') })
  })

  it('turns a website into its domain, without www', () => {
    expect(parseDomain('https://www.Acme.com/about?x=1')).toEqual({ ok: true, value: 'acme.com' })
    expect(parseDomain('www.acme.co.uk')).toEqual({ ok: true, value: 'acme.co.uk' })
    expect(parseDomain('acme')).toEqual({ ok: false, message: expect.stringContaining('domain') })
  })

  it('keeps scores from 0 to 100', () => {
    expect(parseWhole('100', 0, 100)).toEqual({ ok: true, value: 100 })
    expect(parseWhole('101', 0, 100).ok).toBe(false)
    expect(parseWhole('7.5', 0, 100).ok).toBe(false)
  })

  it('compares headers case- and space-insensitively', () => {
    expect(headerKey('Account Name')).toBe(headerKey('account_name'))
    expect(headerKey('NextRenewalDate')).toBe(headerKey('Next Renewal Date'))
  })
})
