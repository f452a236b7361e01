import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** The part of Electron's safeStorage the token store needs (injected, so it is testable). */
export interface Encryption {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export type TokenLoad = { status: 'none' } | { status: 'ok'; token: string } | { status: 'unreadable'; reason: string }

/**
 * The signed-in user's server token, encrypted with the OS keychain through safeStorage and
 * never written in plain text. A file that cannot be decrypted (a new keychain, another
 * machine) is removed and the user is asked to sign in again; nothing else is touched.
 */
export class TokenStore {
  constructor(
    private readonly file: string,
    private readonly encryption: Encryption,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Why the token is less safe than it should be, if it is. */
  warning(): string | null {
    if (!this.encryption.isEncryptionAvailable())
      return 'No OS keychain is available, so CSM Desk cannot keep a sign-in between runs.'
    if (this.platform === 'linux' && this.encryption.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No keyring (GNOME Keyring or KWallet) was found: your sign-in is stored with weak, hard-coded encryption. Install a keyring to protect it.'
    }
    return null
  }

  async load(): Promise<TokenLoad> {
    if (!existsSync(this.file)) return { status: 'none' }
    try {
      if (!this.encryption.isEncryptionAvailable()) throw new Error('encryption is not available')
      const token = this.encryption.decryptString(await readFile(this.file))
      if (!token) throw new Error('empty token')
      return { status: 'ok', token }
    } catch (error) {
      await rm(this.file, { force: true })
      return { status: 'unreadable', reason: (error as Error).message }
    }
  }

  async save(token: string): Promise<void> {
    if (!this.encryption.isEncryptionAvailable())
      throw new Error('The OS keychain is not available; the sign-in cannot be stored safely.')
    await mkdir(dirname(this.file), { recursive: true })
    await writeFile(this.file, this.encryption.encryptString(token), { mode: 0o600 })
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true })
  }
}
