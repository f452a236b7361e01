import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Reminder } from '../core/tasks/reminders'
import { tempDbPath } from '../core/testing'
import { ReminderNotifier } from './reminders'

const sarah = { id: 'csm-456', email: 'sarah@company.com', role: 'csm' as const }
const due = (key: string): Reminder => ({ key, kind: 'task-due', title: key, body: '', target: { tasks: true } })

function notifier(file: string, reminders: Reminder[], on = () => true) {
  const shown: string[] = []
  const n = new ReminderNotifier({
    remindersOf: async () => reminders,
    user: () => sarah,
    on,
    show: (r) => shown.push(r.key),
    file,
  })
  return { n, shown }
}

describe('desktop reminders', () => {
  it('shows each reminder once, even across restarts, and nothing while turned off', async () => {
    const file = join(tempDbPath(), '..', 'reminded.json')
    const first = notifier(file, [due('a'), due('b')])
    await first.n.tick()
    await first.n.tick()
    expect(first.shown).toEqual(['a', 'b'])
    const restarted = notifier(file, [due('a'), due('b'), due('c')])
    await restarted.n.tick()
    expect(restarted.shown).toEqual(['c'])
    const off = notifier(join(tempDbPath(), '..', 'reminded.json'), [due('a')], () => false)
    await off.n.tick()
    expect(off.shown).toEqual([])
  })
})
