import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The `electronFuses:` block of electron-builder.yml, as key -> value. */
function fuses(): Record<string, string> {
  const yml = readFileSync(resolve(__dirname, '../electron-builder.yml'), 'utf8')
  const block = /^electronFuses:\n((?: {2}\w+: \S+\n?)+)/m.exec(yml)
  if (!block) return {}
  return Object.fromEntries(
    block[1]!
      .trim()
      .split('\n')
      .map((line) => line.trim().split(': ') as [string, string]),
  )
}

describe('the packaged app', () => {
  it('flips every fuse that keeps other processes from running code as the app', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    })
  })
})
