import type { Encryption } from './token-store'

/**
 * For tests: a stand-in for safeStorage's async API, reversible but never plain text. `version`
 * is the keychain's key: raising it makes older files ask to be re-encrypted.
 */
export function fakeSafeStorage(backend = 'gnome_libsecret', available = true): Encryption & { version: number } {
  return {
    version: 1,
    isAsyncEncryptionAvailable: async () => available,
    async encryptStringAsync(plain) {
      return Buffer.from(`enc${this.version}:${Buffer.from(plain).toString('base64')}`)
    },
    async decryptStringAsync(encrypted) {
      const match = /^enc(\d+):(.*)$/s.exec(encrypted.toString())
      if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.')
      return { result: Buffer.from(match[2]!, 'base64').toString(), shouldReEncrypt: Number(match[1]) < this.version }
    },
    getSelectedStorageBackend: () => backend,
  }
}
