import type { WorkflowService } from './api/workflow-service'
import { navigate } from './router'

/**
 * Reminders in a browser: the Notification API, once the CSM allowed it and unless they turned
 * reminders off; each reminder once, even across reloads (its key is remembered here). The
 * desktop app notifies from its main process instead.
 */
const SEEN = 'csmdesk.reminded'
const OFF = 'csmdesk.reminders-off'
const KEEP = 2000

interface Reminder {
  key: string
  title: string
  body: string
  target: { workflowId: string } | { tasks: true }
}

export function browserRemindersOn(): boolean {
  return (
    typeof Notification !== 'undefined' && Notification.permission === 'granted' && localStorage.getItem(OFF) !== '1'
  )
}

/** Turns reminders on (asking the browser's permission the first time) or off; says whether they are on. */
export async function setBrowserReminders(on: boolean): Promise<boolean> {
  if (!on) {
    localStorage.setItem(OFF, '1')
    return false
  }
  localStorage.removeItem(OFF)
  if (typeof Notification === 'undefined') return false
  if (Notification.permission === 'default') await Notification.requestPermission()
  return browserRemindersOn()
}

export async function showDueReminders(service: WorkflowService): Promise<void> {
  if (!browserRemindersOn()) return
  const { reminders } = await service.getReminders()
  const seen: string[] = JSON.parse(localStorage.getItem(SEEN) ?? '[]')
  const fresh = (reminders as Reminder[]).filter((r) => !seen.includes(r.key))
  if (!fresh.length) return
  localStorage.setItem(SEEN, JSON.stringify([...seen, ...fresh.map((r) => r.key)].slice(-KEEP)))
  for (const reminder of fresh) {
    const notice = new Notification(reminder.title, { body: reminder.body, tag: reminder.key })
    notice.onclick = () => {
      window.focus()
      navigate(
        'workflowId' in reminder.target ? { name: 'workflow', id: reminder.target.workflowId } : { name: 'tasks' },
      )
    }
  }
}
