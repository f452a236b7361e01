import Handlebars from 'handlebars'
import { daysBetween } from '../clock'

/** A value a template asked for that the context does not have (see compile.ts). */
export class Missing {
  constructor(readonly path: string) {}
}

export function missingMarker(path: string): Handlebars.SafeString {
  const safe = Handlebars.escapeExpression(path)
  return new Handlebars.SafeString(`<span class="tpl-missing" data-missing="${safe}">[missing: ${safe}]</span>`)
}

type Options = Handlebars.HelperOptions

const toNumber = (value: unknown): number | null => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}

/** Helpers that format one value. A missing or unusable value renders as a visible marker. */
const formatters = {
  currency(value: unknown, ...rest: unknown[]) {
    const n = toNumber(value)
    if (n === null) return notUsable(value, 'an amount')
    const code = typeof rest[0] === 'string' ? rest[0] : 'USD'
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: code, maximumFractionDigits: 0 }).format(n)
  },
  number(value: unknown, ...rest: unknown[]) {
    const n = toNumber(value)
    if (n === null) return notUsable(value, 'a number')
    const digits = toNumber(rest[0]) ?? 0
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n)
  },
  /** A ratio as a percentage: 0.95 -> 95%. */
  percent(value: unknown, ...rest: unknown[]) {
    const n = toNumber(value)
    if (n === null) return notUsable(value, 'a ratio')
    const digits = toNumber(rest[0]) ?? 0
    return `${(n * 100).toFixed(digits)}%`
  },
  abs(value: unknown) {
    const n = toNumber(value)
    return n === null ? notUsable(value, 'a number') : String(Math.abs(n))
  },
  /** date "2025-12-31" -> Dec 31, 2025; "long" -> December 31, 2025; "iso" -> 2025-12-31 */
  date(value: unknown, ...rest: unknown[]) {
    const time = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN
    if (Number.isNaN(time)) return notUsable(value, 'a date')
    const style = typeof rest[0] === 'string' ? rest[0] : 'medium'
    if (style === 'iso') return new Date(time).toISOString().slice(0, 10)
    return new Intl.DateTimeFormat('en-US', {
      dateStyle: style === 'long' ? 'long' : style === 'short' ? 'short' : 'medium',
      timeZone: 'UTC',
    }).format(time)
  },
  /** relativeDays "2025-12-31" -> "in 3 days" (against the business clock's today). */
  relativeDays(value: unknown, ...rest: unknown[]) {
    const options = rest.at(-1) as Options
    const today = (options.data?.root as { today?: string } | undefined)?.today
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !today) return notUsable(value, 'a date')
    const days = daysBetween(today, value.slice(0, 10))
    if (days === 0) return 'today'
    if (days === 1) return 'tomorrow'
    if (days === -1) return 'yesterday'
    return days > 0 ? `in ${days} days` : `${-days} days ago`
  },
  /** pluralize 45 "user" ["users"] -> "45 users" */
  pluralize(value: unknown, ...rest: unknown[]) {
    const n = toNumber(value)
    if (n === null || typeof rest[0] !== 'string') return notUsable(value, 'a count')
    const plural = typeof rest[1] === 'string' ? rest[1] : `${rest[0]}s`
    return `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? rest[0] : plural}`
  },
  /**
   * trend list "arr" -> "up 25% in 6 months": the change from the oldest to the newest dated
   * entry, whatever order the list is in, so a template never states a trend by hand.
   */
  trend(value: unknown, ...rest: unknown[]) {
    const field = typeof rest[0] === 'string' ? rest[0] : 'value'
    const series = datedSeries(value)
    if (!series || series.length < 2) return notUsable(value, 'a dated series of two or more')
    const first = toNumber((series[0] as Record<string, unknown>)[field])
    const last = toNumber((series.at(-1) as Record<string, unknown>)[field])
    if (first === null || last === null || first === 0) return notUsable(value, `a series of ${field} values`)
    const months = Math.max(
      1,
      Math.round(daysBetween(series[0]!.date.slice(0, 10), series.at(-1)!.date.slice(0, 10)) / 30.44),
    )
    const change = (last - first) / Math.abs(first)
    const span = `in ${months} month${months === 1 ? '' : 's'}`
    if (Math.abs(change) < 0.005) return `flat ${span}`
    return `${change > 0 ? 'up' : 'down'} ${Math.round(Math.abs(change) * 100)}% ${span}`
  },
  /** join ["a", "b"] [", "] -> "a, b" */
  join(value: unknown, ...rest: unknown[]) {
    if (!Array.isArray(value)) return notUsable(value, 'a list')
    return value.map(String).join(typeof rest[0] === 'string' ? rest[0] : ', ')
  },
}

function notUsable(value: unknown, what: string): Handlebars.SafeString | string {
  if (value instanceof Missing) return missingMarker(value.path)
  return missingMarker(`${what}, got ${JSON.stringify(value) ?? String(value)}`)
}

type Dated = { date: string } & Record<string, unknown>

/** A list whose every entry has a date: a series to read oldest first. Anything else: null. */
function datedSeries(value: unknown): Dated[] | null {
  if (!Array.isArray(value) || !value.length) return null
  if (!value.every((v) => v && typeof v === 'object' && !Number.isNaN(Date.parse(String((v as Dated).date)))))
    return null
  return [...(value as Dated[])].sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
}

/** Whether a list is a dated series that is not oldest first (templates:check fails on it). */
export function outOfOrder(value: unknown): boolean {
  const series = datedSeries(value)
  return !!series && series.some((entry, i) => entry !== (value as unknown[])[i])
}

/** Value helpers: used in {{#if (gt a b)}} and friends; they get the raw values. */
const logic = {
  /** chronological list: a dated series oldest first, for {{#each (chronological …)}}. */
  chronological: (value: unknown) => datedSeries(value) ?? value,
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  gte: (a: unknown, b: unknown) => Number(a) >= Number(b),
  lt: (a: unknown, b: unknown) => Number(a) < Number(b),
  lte: (a: unknown, b: unknown) => Number(a) <= Number(b),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  not: (a: unknown) => !a,
  /** default value "fallback": the fallback when the value is missing or empty. */
  default: (value: unknown, fallback: unknown) =>
    value === undefined || value === null || value === '' ? fallback : value,
}

export const FORMAT_HELPERS = new Set(Object.keys(formatters))
export const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with'])
export const VALUE_HELPERS = new Set([...Object.keys(formatters), ...Object.keys(logic)])

/** A Handlebars environment with exactly our helpers: no lookup, no log, nothing else. */
export function createEnvironment(): typeof Handlebars {
  const env = Handlebars.create()
  env.unregisterHelper('lookup')
  env.unregisterHelper('log')
  for (const [name, fn] of Object.entries({ ...formatters, ...logic })) env.registerHelper(name, fn)
  env.registerHelper('__value', (value: unknown, path: string, options: Options) => {
    if (value === undefined || value === null) {
      ;(options.data.missing as Set<string>).add(path)
      return missingMarker(path)
    }
    return value
  })
  // What #each runs over: a dated series printed newest first reads as a trend backwards.
  env.registerHelper('__series', (value: unknown, path: string, options: Options) => {
    if (outOfOrder(value)) (options.data.unordered as Set<string>).add(path)
    return value
  })
  env.registerHelper('__param', (value: unknown, path: string, options: Options) => {
    if (value === undefined || value === null) {
      ;(options.data.missing as Set<string>).add(path)
      return new Missing(path)
    }
    return value
  })
  return env
}
