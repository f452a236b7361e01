/**
 * How a CRM export's cells become values: each parser returns the value, or a message that
 * says what is wrong with the cell (the caller names the line, column and value).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = (message: string): Parsed<never> => ({ ok: false, message })

import type { DateFormat } from './types'

export { DATE_FORMATS, type DateFormat } from './types'

/** `1200000`, `1,200,000`, `$1,200,000.00`, ` 1200000 `: whole currency units. */
export function parseMoney(text: string): Parsed<number> {
  const cleaned = text.trim().replace(/^[$€£]\s*/, '')
  if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$/.test(cleaned) && !/^-?\d+(\.\d+)?$/.test(cleaned)) {
    return bad('must be an amount, like 1200000 or $1,200,000.00')
  }
  const value = Number(cleaned.replace(/,/g, ''))
  if (value < 0) return bad('must not be negative')
  if (!Number.isSafeInteger(Math.round(value))) return bad('is too large')
  return ok(Math.round(value))
}

function realDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null
  return date.toISOString().slice(0, 10)
}

/** ISO (`2026-03-31`, or with a time), or `3/31/2026`, `31/03/2026`, `2026/03/31` read by the format. */
export function parseDate(text: string, format: DateFormat): Parsed<string> {
  const value = text.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value)
  const slashed = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(value)
  let day: string | null = null
  if (iso) day = realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  else if (slashed) {
    const [a, b, c] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])]
    if (format === 'YMD' || slashed[1]!.length === 4) day = realDay(a, b, c)
    else if (slashed[3]!.length !== 4)
      return bad(`must have a four-digit year (${format === 'MDY' ? 'M/D/YYYY' : 'D/M/YYYY'})`)
    else day = format === 'MDY' ? realDay(c, a, b) : realDay(c, b, a)
  } else {
    return bad(
      `must be a date, like 2026-03-31 or ${format === 'DMY' ? '31/03/2026' : format === 'YMD' ? '2026/03/31' : '3/31/2026'}`,
    )
  }
  return day ? ok(day) : bad(`is not a real date (read as ${format === 'YMD' || iso ? 'year-month-day' : format})`)
}

/** A whole number from min to max (scores 0-100, user and ticket counts). */
export function parseWhole(text: string, min: number, max: number): Parsed<number> {
  const value = text.trim().replace(/,/g, '')
  if (!/^-?\d+(\.0+)?$/.test(value)) return bad(`must be a whole number from ${min} to ${max}`)
  const n = Number(value)
  if (n < min || n > max) return bad(`must be from ${min} to ${max}`)
  return ok(n)
}

/** One of the allowed words, case-insensitively. */
export function parseChoice<T extends string>(text: string, choices: readonly T[]): Parsed<T> {
  const value = text.trim().toLowerCase()
  const found = choices.find((c) => c === value)
  return found ? ok(found) : bad(`must be one of ${choices.join(', ')}`)
}

/** A website or domain: `https://www.acme.com/about` is `acme.com`. */
export function parseDomain(text: string): Parsed<string> {
  let value = text.trim().toLowerCase()
  if (!value) return ok('')
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(value)) value = new URL(value).hostname
  } catch {
    return bad('must be a website or a domain, like acme.com')
  }
  value = value.replace(/^www\./, '').replace(/[/?#].*$/, '')
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value)) return bad('must be a website or a domain, like acme.com')
  return ok(value)
}

export function parseBoolean(text: string): Parsed<boolean> {
  const value = text.trim().toLowerCase()
  if (['true', 'yes', 'y', '1', 'x'].includes(value)) return ok(true)
  if (['false', 'no', 'n', '0', ''].includes(value)) return ok(false)
  return bad('must be true or false')
}

/** A header or alias as compared: `Account Name`, `account_name` and `accountName` are one. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '')
}
