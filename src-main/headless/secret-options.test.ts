import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { secretOption } from './secret-options'

describe('a secret option', () => {
  it('comes from its flag, a file or the environment, and never from two at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'csmdesk-secret-')), 'db-url')
    writeFileSync(file, 'postgres://desk:s3cret@db/team\n')
    expect(secretOption({ db: './a.sqlite' }, 'db', 'CSMDESK_DB_URL', {})).toBe('./a.sqlite')
    expect(secretOption({ 'db-file': file }, 'db', 'CSMDESK_DB_URL', {})).toBe('postgres://desk:s3cret@db/team')
    expect(secretOption({}, 'db', 'CSMDESK_DB_URL', { CSMDESK_DB_URL: 'postgres://x/y' })).toBe('postgres://x/y')
    expect(secretOption({}, 'db', 'CSMDESK_DB_URL', {})).toBeUndefined()
    expect(() => secretOption({ db: 'a' }, 'db', 'CSMDESK_DB_URL', { CSMDESK_DB_URL: 'b' })).toThrow(
      /--db and CSMDESK_DB_URL/,
    )
  })
})
