import { daysBetween } from '../clock'

/**
 * The days that set a workflow's urgency: until its renewal, or for a playbook started by hand,
 * until its due day (on the renewal stages' day bands either way).
 */
export function urgencyDays(row: { renewal_date: string; due_date?: string | null }, today: string): number {
  return daysBetween(today, row.due_date ?? row.renewal_date)
}
