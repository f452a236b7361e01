import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The server token a headless desk keeps across restarts, encrypted (AES-256-GCM) with a key
 * derived from the host's own secret: a copy of the database alone does not carry a usable token.
 * A desk whose secret changed cannot open it and asks its CSM to sign in again.
 */
export interface TokenSeal {
  seal(token: string): string
  open(sealed: string): string | null
}

const PREFIX = 'v1.'

/** A seal keyed from the host's secret for one purpose: what one purpose sealed, another cannot open. */
export function tokenSeal(secret: string, purpose = 'upstream-token'): TokenSeal {
  const key = Buffer.from(hkdfSync('sha256', secret, 'csm-desk', purpose, 32))
  return {
    seal(token) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return null
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url')
      if (raw.length < 29) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
        decipher.setAuthTag(raw.subarray(12, 28))
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
