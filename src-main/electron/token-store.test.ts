import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDbPath } from '../core/testing'
import { TokenStore, type Encryption } from './token-store'

/** A stand-in for safeStorage: reversible, but never plain text. */
const fake = (backend = 'gnome_libsecret', available = true): Encryption => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptString: (encrypted) => {
    const text = encrypted.toString()
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(text.slice(4), 'base64').toString()
  },
  getSelectedStorageBackend: () => backend,
})

const file = () => join(tempDbPath(), '..', 'token.bin')

describe('TokenStore', () => {
  it('keeps the token encrypted on disk and gives it back', async () => {
    const path = file()
    const store = new TokenStore(path, fake(), 'linux')
    expect(await store.load()).toEqual({ status: 'none' })
    await store.save('eyJ.secret.token')
    expect(readFileSync(path, 'utf8')).not.toContain('eyJ.secret.token')
    expect(await store.load()).toEqual({ status: 'ok', token: 'eyJ.secret.token' })
    await store.clear()
    expect(await store.load()).toEqual({ status: 'none' })
  })

  it('asks for sign-in again when the token can no longer be decrypted, instead of crashing', async () => {
    const path = file()
    writeFileSync(path, 'garbage from another keychain')
    const store = new TokenStore(path, fake(), 'darwin')
    expect(await store.load()).toMatchObject({ status: 'unreadable' })
    expect(await store.load()).toEqual({ status: 'none' })
  })

  it('warns on Linux when safeStorage falls back to basic_text, and refuses to store without a keychain', async () => {
    expect(new TokenStore(file(), fake('basic_text'), 'linux').warning()).toMatch(/weak, hard-coded encryption/)
    expect(new TokenStore(file(), fake('basic_text'), 'darwin').warning()).toBeNull()
    expect(new TokenStore(file(), fake(), 'linux').warning()).toBeNull()
    const none = new TokenStore(file(), fake('unknown', false), 'win32')
    expect(none.warning()).toMatch(/No OS keychain/)
    await expect(none.save('x')).rejects.toThrow(/cannot be stored safely/)
  })
})
