import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { User } from '../core/api/auth'
import type { Reminder } from '../core/tasks/reminders'

const KEEP = 2000

/**
 * The desktop's reminders: every minute (and at once) it asks the core what is due for the
 * signed-in CSM and shows each reminder once, remembering the keys it showed in a file, so a
 * restart never repeats one. `show` is Electron's Notification (injected: testable without it).
 */
export class ReminderNotifier {
  private timer: NodeJS.Timeout | null = null
  private readonly seen: string[]

  constructor(
    private readonly deps: {
      remindersOf(user: User): Promise<Reminder[]>
      user(): User
      on(): boolean
      show(reminder: Reminder): void
      file: string
    },
  ) {
    this.seen = existsSync(deps.file) ? (JSON.parse(readFileSync(deps.file, 'utf8')) as string[]) : []
  }

  start(intervalMs = 60_000): void {
    void this.tick()
    this.timer = setInterval(() => void this.tick(), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** Shows what is new; returns it. */
  async tick(): Promise<Reminder[]> {
    if (!this.deps.on()) return []
    const fresh = (await this.deps.remindersOf(this.deps.user())).filter((r) => !this.seen.includes(r.key))
    if (!fresh.length) return []
    this.seen.push(...fresh.map((r) => r.key))
    writeFileSync(this.deps.file, JSON.stringify(this.seen.slice(-KEEP)), { mode: 0o600 })
    for (const reminder of fresh) this.deps.show(reminder)
    return fresh
  }
}
