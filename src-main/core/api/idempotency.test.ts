import { describe, expect, it } from 'vitest'
import { SqliteDb } from '../store/sqlite-db'
import { Store } from '../store/store'
import { demoUser, tempDbPath } from '../testing'
import { ApiError } from './errors'
import { APPLIED_RECORD_DAYS, Idempotency, KEY_LIFETIME_DAYS, SWEEP_EVERY_MS } from './idempotency'

const sarah = demoUser('csm-456')
const DAY = 86_400_000

function setup() {
  let now = new Date('2026-01-01T00:00:00Z')
  const store = new Store(tempDbPath())
  const idempotency = new Idempotency(new SqliteDb(store), () => now)
  let effects = 0
  const change = (key: string, body: string) =>
    idempotency.run(sarah, key, '/workflows/w/start', body, async () => ++effects)
  return {
    change,
    effects: () => effects,
    later: (days: number) => (now = new Date(now.getTime() + days * DAY)),
    store,
  }
}

describe('Idempotency', () => {
  it('answers a resend with the same body from the first answer, with no second effect', async () => {
    const { change, effects } = setup()
    expect(await change('key-00000001', '{"a":1}')).toBe(1)
    expect(await change('key-00000001', '{"a":1}')).toBe(1)
    expect(effects()).toBe(1)
  })

  it('refuses the same key with another body as IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const { change, effects } = setup()
    await change('key-00000001', '{"a":1}')
    const error = await change('key-00000001', '{"a":2}').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 })
    expect(effects()).toBe(1)
  })

  it(`keeps the answer ${KEY_LIFETIME_DAYS} days, and that the change was applied for ${APPLIED_RECORD_DAYS}`, async () => {
    const { change, effects, later } = setup()
    await change('key-00000001', '{"a":1}')
    later(KEY_LIFETIME_DAYS - 1)
    expect(await change('key-00000001', '{"a":1}')).toBe(1)
    later(2)
    await change('key-00000002', '{"b":1}') // another change compacts the old answers
    expect(await change('key-00000001', '{"a":1}')).toEqual({ success: true, alreadyApplied: true })
    expect(effects()).toBe(2)
    later(APPLIED_RECORD_DAYS - KEY_LIFETIME_DAYS - 2)
    expect(await change('key-00000001', '{"a":1}')).toEqual({ success: true, alreadyApplied: true })
    await expect(change('key-00000001', '{"a":2}')).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' })
    later(2)
    expect(await change('key-00000001', '{"a":1}')).toBe(3)
  })

  it('answers a resend older than the answer keeps with alreadyApplied, even before the next sweep', async () => {
    const { change, effects, later, store } = setup()
    await change('key-00000001', '{"a":1}')
    later(KEY_LIFETIME_DAYS - SWEEP_EVERY_MS / 2 / DAY)
    await change('key-00000002', '{"b":1}') // sweeps; the first answer is not 30 days old yet
    later(((2 / 3) * SWEEP_EVERY_MS) / DAY) // 30 days and 10 s: within a minute of that sweep
    expect(await change('key-00000001', '{"a":1}')).toEqual({ success: true, alreadyApplied: true })
    expect(effects()).toBe(2)
    const kept = store.db.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE response_json <> ''").get()
    expect(kept).toEqual({ n: 2 }) // the answer is still stored: the sweep is not due, the age check answered
  })
})
