import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../core/demo/demo'
import { openDb } from '../core/store/open'
import { CONTRACT_NOW, contractClock, tempDbPath } from '../core/testing'
import { ENGINES, freshDatabase } from '../core/testing-engines'
import { main } from './import'

const FILE = ['external_id,name,arr,renewal_date,owner', 'C-1,Cli One,100000,2026-02-01,sarah@company.com'].join('\n')
const BAD = `${FILE}\nC-2,Cli Two,lots,2026-02-01,sarah@company.com\n`

// The command reads the business clock from CSMDESK_NOW, as in production.
beforeAll(() => {
  process.env.CSMDESK_NOW = CONTRACT_NOW
})
afterAll(() => {
  delete process.env.CSMDESK_NOW
})

function file(text: string, name = 'accounts.csv'): string {
  const path = join(tempDbPath(), '..', name)
  writeFileSync(path, text)
  return path
}

async function demoDatabase(engine: (typeof ENGINES)[number]): Promise<string> {
  const url = await freshDatabase(engine)
  const db = await openDb(url)
  await seedDemo(db, contractClock)
  await db.close()
  return url
}

function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  return main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  ).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }))
}

describe.each(ENGINES)('npm run import (%s)', (engine) => {
  it('writes a clean file (exit 0), refuses one with errors (exit 1, nothing written) unless told to skip them', async () => {
    const db = await demoDatabase(engine)
    const dry = await run(['--db', db, '--file', file(FILE), '--dry-run', '--json'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.out)).toMatchObject({ success: true, dryRun: true, created: 1 })
    const bad = await run(['--db', db, '--file', file(BAD)])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('line 3, arr ("lots"): must be an amount')
    expect(bad.out).toContain('Not imported')
    const skipped = await run(['--db', db, '--file', file(BAD), '--skip-invalid', '--json'])
    expect(skipped.code).toBe(0)
    expect(JSON.parse(skipped.out)).toMatchObject({ success: true, created: 1, skipped: 1, workflows: { created: 1 } })
    const again = await run(['--db', db, '--file', file(FILE)])
    expect(again.code).toBe(0)
    expect(again.out).toContain('1 rows, 0 created, 0 updated, 1 unchanged')
  })
})

describe('npm run import, the command', () => {
  it('says how to use it (exit 2) and reads .ndjson as a book', async () => {
    expect((await run(['--file', file(FILE)])).code).toBe(2)
    expect((await run(['--db', tempDbPath(), '--file', file(FILE), '--kind', 'xlsx'])).err).toContain(
      '--kind must be one of',
    )
    const book = await run([
      '--db',
      await demoDatabase('sqlite'),
      '--file',
      file('{"externalId":"x"}\n', 'book.ndjson'),
      '--json',
    ])
    expect(book.code).toBe(1)
    expect(JSON.parse(book.out).kind).toBe('book')
  })

  it('runs as a process: --json prints only the result on stdout', async () => {
    const db = await demoDatabase('sqlite')
    const { stdout } = await promisify(execFile)('npx', [
      'tsx',
      'src-main/headless/import.ts',
      '--db',
      db,
      '--file',
      file(FILE),
      '--json',
    ])
    expect(JSON.parse(stdout)).toMatchObject({ success: true, created: 1 })
  })
})
