import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import type { Core, CoreOptions } from './index'
import { tempDbPath, testCore } from './testing'

/** For tests that run on both engines: a fresh, empty database of each. */
export const ENGINES = ['sqlite', 'postgres'] as const
export type Engine = (typeof ENGINES)[number]

/** A SQLite file in a temp folder, or a new database in the test run's PostgreSQL. */
export async function freshDatabase(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return tempDbPath()
  const admin = inject('pgUrl')
  const name = `csmdesk_${randomBytes(6).toString('hex')}`
  const client = new pg.Client(admin)
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(admin)
  url.pathname = `/${name}`
  return url.href
}

/** A core with the demo book on a fresh database of the engine, on the contract's day. */
export async function engineCore(engine: Engine, options: Partial<CoreOptions> = {}): Promise<Core> {
  return testCore({ dbPath: await freshDatabase(engine), ...options })
}
