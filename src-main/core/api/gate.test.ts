import { describe, expect, it } from 'vitest'
import { Gate } from './gate'

const held = () => {
  let release = () => {}
  const promise = new Promise<void>((done) => (release = done))
  return { promise, release }
}

describe('the admission gate', () => {
  it('gives callers waiting for the same thing one run, made after all of them asked', async () => {
    const gate = new Gate({ running: 1, waiting: 10, busy: 'busy' })
    const first = held()
    const busy = gate.run(() => first.promise)
    let state = 'before'
    let reads = 0
    const read = async () => {
      reads++
      return state
    }
    const a = gate.run(read, 'csm-456')
    const b = gate.run(read, 'csm-456')
    const other = gate.run(read, 'csm-101')
    expect(gate.load).toEqual({ running: 1, waiting: 2 })
    state = 'after both asked'
    first.release()
    await busy
    expect(await Promise.all([a, b, other])).toEqual(['after both asked', 'after both asked', 'after both asked'])
    expect(reads).toBe(2)
    expect(gate.shared).toBe(1)
  })

  it('does not hand a caller a run that began before it asked', async () => {
    const gate = new Gate({ running: 1, waiting: 10, busy: 'busy' })
    const first = held()
    const busy = gate.run(() => first.promise)
    const inRead = held()
    let state = 1
    const slow = async () => {
      const seen = state
      await inRead.promise
      return seen
    }
    const a = gate.run(slow, 'csm-456')
    first.release()
    await busy
    state = 2 // a change lands while a's read runs: a later ask must see it
    const b = gate.run(async () => state, 'csm-456')
    inRead.release()
    expect(await a).toBe(1)
    expect(await b).toBe(2)
    expect(gate.shared).toBe(0)
  })

  it('refuses with a Retry-After when the runs so far predict too long a wait, and only once it has timed a few', async () => {
    let now = 0
    const gate = new Gate(
      { running: 1, waiting: 100, maxWaitMs: 1000, busy: 'busy' },
      () => 0,
      () => now,
    )
    const slowRun = () =>
      gate.run(async () => {
        now += 400 // each run takes 400 ms by this clock
      })
    // Cold: no prediction yet, so a queue of three is let in.
    const first = held()
    const blocker = gate.run(() => first.promise)
    const cold = [slowRun(), slowRun(), slowRun()]
    first.release()
    await Promise.all([blocker, ...cold])
    for (let i = 0; i < 16; i++) await slowRun()
    // Warm: 400 ms a run, so a third in the queue would wait 1.2 s, past the 1 s allowed.
    const second = held()
    const running = gate.run(() => second.promise)
    const waiting = [slowRun(), slowRun()]
    await expect(slowRun()).rejects.toMatchObject({ code: 'SERVER_BUSY', details: { retryAfter: 1 } })
    second.release()
    await Promise.all([running, ...waiting])
    expect(gate.load).toEqual({ running: 0, waiting: 0 })
  })
})
