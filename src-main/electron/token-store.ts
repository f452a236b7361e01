import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** The part of Electron's safeStorage the token store needs (injected, so it is testable). */
export interface Encryption {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plain: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  getSelectedStorageBackend?(): string
}

export type TokenLoad =
  | { status: 'none' }
  | { status: 'ok'; token: string }
  /** The keychain is locked or missing right now: the file is kept for when it is back. */
  | { status: 'locked' }
  | { status: 'unreadable'; reason: string }

/**
 * The signed-in user's server token, encrypted with the OS keychain through safeStorage and
 * never written in plain text. Where Linux has no keyring (basic_text: a hard-coded key), the
 * token stays in memory only, unless the user opted in to keeping it anyway. A file that
 * really cannot be decrypted (a new keychain, another machine) is removed and the user is asked
 * to sign in again; a keychain that is merely unavailable at start removes nothing.
 */
export class TokenStore {
  private memory: string | null = null

  constructor(
    private readonly file: string,
    private readonly encryption: Encryption,
    private readonly platform: NodeJS.Platform = process.platform,
    /** The user chose to keep the sign-in on disk even with basic_text. */
    private allowWeak: () => boolean = () => false,
  ) {}

  /** True where the only "encryption" is Linux's basic_text, a key anyone can read. */
  weak(): boolean {
    return this.platform === 'linux' && this.encryption.getSelectedStorageBackend?.() === 'basic_text'
  }

  /** Why the sign-in is less safe, or less lasting, than it should be, if it is. */
  async warning(): Promise<string | null> {
    if (!(await this.encryption.isAsyncEncryptionAvailable()))
      return 'No OS keychain is available, so CSM Desk keeps your sign-in only until you quit.'
    if (this.weak()) {
      return this.allowWeak()
        ? 'No keyring (GNOME Keyring or KWallet) was found: your sign-in is stored with weak, hard-coded encryption, as you chose. Install a keyring to protect it.'
        : 'No keyring (GNOME Keyring or KWallet) was found, so CSM Desk keeps your sign-in only until you quit. Install a keyring to keep it safely.'
    }
    return null
  }

  async load(): Promise<TokenLoad> {
    if (this.memory) return { status: 'ok', token: this.memory }
    if (!existsSync(this.file)) return { status: 'none' }
    if (!(await this.encryption.isAsyncEncryptionAvailable())) return { status: 'locked' }
    let decrypted: { result: string; shouldReEncrypt: boolean }
    try {
      decrypted = await this.encryption.decryptStringAsync(await readFile(this.file))
      if (!decrypted.result) throw new Error('empty token')
    } catch (error) {
      await rm(this.file, { force: true })
      return { status: 'unreadable', reason: (error as Error).message }
    }
    if (decrypted.shouldReEncrypt) await this.write(decrypted.result)
    return { status: 'ok', token: decrypted.result }
  }

  async save(token: string): Promise<void> {
    const durable = (await this.encryption.isAsyncEncryptionAvailable()) && (!this.weak() || this.allowWeak())
    if (!durable) {
      this.memory = token
      await rm(this.file, { force: true })
      return
    }
    this.memory = null
    await this.write(token)
  }

  async clear(): Promise<void> {
    this.memory = null
    await rm(this.file, { force: true })
  }

  private async write(token: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true })
    await writeFile(this.file, await this.encryption.encryptStringAsync(token), { mode: 0o600 })
    await chmod(this.file, 0o600)
  }
}
