import { describe, expect, it } from 'vitest'
import { RawJson, stringifyWithRaw } from './raw-json'

describe('JSON text written as stored', () => {
  // As the app stores them: written by JSON.stringify.
  const stored = [
    { salesforce: { cases: [{ subject: 'Login "SSO" fails', path: 'C:\\x' }] }, usage: { rate: 0.69 } },
    ['Sponsor left \u2028 the company', 'Ünïcödé 😀', 'lone \ud800'],
    [],
    '\u0000raw-json-not-ours:0',
  ].map((value) => JSON.stringify(value))

  it('answers exactly what parsing and writing it again answers, in every place it stands', () => {
    const value = {
      contexts: stored.map((text, i) => ({ id: `wf-${i}`, data: new RawJson(text), note: 'a "quoted" \\ note' })),
      also: new RawJson(stored[0]!),
    }
    const plain = {
      contexts: stored.map((text, i) => ({ id: `wf-${i}`, data: JSON.parse(text), note: 'a "quoted" \\ note' })),
      also: JSON.parse(stored[0]!),
    }
    const text = stringifyWithRaw(value)
    expect(text).toBe(JSON.stringify(plain))
    expect(text).toContain(stored[0])
  })

  it('leaves a string that looks like its stand-in as it is', () => {
    const value = { text: '\u0000raw-json-', other: new RawJson('{"a":1}') }
    expect(JSON.parse(stringifyWithRaw(value))).toEqual({ text: '\u0000raw-json-', other: { a: 1 } })
  })

  it('is the parsed value wherever an answer is written the usual way', () => {
    expect(JSON.stringify({ data: new RawJson(stored[0]!) })).toBe(JSON.stringify({ data: JSON.parse(stored[0]!) }))
  })
})
