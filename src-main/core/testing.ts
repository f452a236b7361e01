import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { signToken, type User } from './api/auth'
import { fixedClock } from './clock'
import { CONTRACT_DAY, DEMO_CSMS } from './demo/demo'

/** Helpers shared by the tests: a temp database, the contract's day, and demo tokens. */
export const TEST_SECRET = 'a-test-secret-of-enough-length'
export const CONTRACT_NOW = `${CONTRACT_DAY}T14:00:00.000Z`
export const contractClock = fixedClock(CONTRACT_NOW)
export const TEMPLATES_DIR = fileURLToPath(new URL('../../resources/templates', import.meta.url))

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'csmdesk-')), 'desk.sqlite')
}

export function demoUser(id: string): User {
  const csm = DEMO_CSMS.find((c) => c.id === id)
  if (!csm) throw new Error(`No demo user ${id}`)
  return { id: csm.id, email: csm.email, role: csm.role }
}

export function tokenFor(id: string, secret = TEST_SECRET): string {
  return signToken(demoUser(id), secret)
}
