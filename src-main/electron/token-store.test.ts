import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDbPath } from '../core/testing'
import { fakeSafeStorage as fakeEncryption } from './fake-safe-storage'
import { TokenStore } from './token-store'

const file = () => join(tempDbPath(), '..', 'token.bin')

describe('TokenStore', () => {
  it('keeps the token encrypted on disk, readable by this user only, and gives it back', async () => {
    const path = file()
    const store = new TokenStore(path, fakeEncryption(), 'linux')
    expect(await store.load()).toEqual({ status: 'none' })
    await store.save('eyJ.secret.token')
    expect(readFileSync(path, 'utf8')).not.toContain('eyJ.secret.token')
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await new TokenStore(path, fakeEncryption(), 'linux').load()).toEqual({
      status: 'ok',
      token: 'eyJ.secret.token',
    })
    await store.clear()
    expect(await store.load()).toEqual({ status: 'none' })
  })

  it('re-encrypts when the keychain rotated its key', async () => {
    const path = file()
    const encryption = fakeEncryption()
    await new TokenStore(path, encryption, 'darwin').save('eyJ.token')
    encryption.version = 2
    expect(await new TokenStore(path, encryption, 'darwin').load()).toEqual({ status: 'ok', token: 'eyJ.token' })
    expect(readFileSync(path, 'utf8')).toMatch(/^enc2:/)
  })

  it('removes a token that really cannot be decrypted, and asks for sign-in again', async () => {
    const path = file()
    writeFileSync(path, 'garbage from another keychain')
    const store = new TokenStore(path, fakeEncryption(), 'darwin')
    expect(await store.load()).toMatchObject({ status: 'unreadable' })
    expect(await store.load()).toEqual({ status: 'none' })
  })

  it('keeps the file when the keychain is locked or missing at start', async () => {
    const path = file()
    await new TokenStore(path, fakeEncryption(), 'linux').save('eyJ.token')
    expect(await new TokenStore(path, fakeEncryption('unknown', false), 'linux').load()).toEqual({ status: 'locked' })
    expect(await new TokenStore(path, fakeEncryption(), 'linux').load()).toEqual({ status: 'ok', token: 'eyJ.token' })
  })

  it('keeps the token in memory only on Linux without a keyring, unless the user opted in', async () => {
    const path = file()
    const memoryOnly = new TokenStore(path, fakeEncryption('basic_text'), 'linux')
    expect(await memoryOnly.warning()).toMatch(/only until you quit/)
    await memoryOnly.save('eyJ.token')
    expect(await memoryOnly.load()).toEqual({ status: 'ok', token: 'eyJ.token' })
    expect(await new TokenStore(path, fakeEncryption('basic_text'), 'linux').load()).toEqual({ status: 'none' })

    const optedIn = new TokenStore(path, fakeEncryption('basic_text'), 'linux', () => true)
    expect(await optedIn.warning()).toMatch(/weak, hard-coded encryption, as you chose/)
    await optedIn.save('eyJ.token')
    expect(await new TokenStore(path, fakeEncryption('basic_text'), 'linux', () => true).load()).toMatchObject({
      status: 'ok',
    })
    expect(await new TokenStore(file(), fakeEncryption('basic_text'), 'darwin').warning()).toBeNull()
  })

  it('keeps the token in memory only without any keychain', async () => {
    const store = new TokenStore(file(), fakeEncryption('unknown', false), 'win32')
    expect(await store.warning()).toMatch(/No OS keychain/)
    await store.save('eyJ.token')
    expect(await store.load()).toEqual({ status: 'ok', token: 'eyJ.token' })
  })
})
