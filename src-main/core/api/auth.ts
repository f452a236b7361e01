import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { ApiError } from './errors'
import type { Role } from '../store/store'

export interface User {
  id: string
  email: string
  role: Role
}

export interface TokenClaims {
  sub: string
  email: string
  role: Role
  iat: number
  exp: number
  /** The token's own id, so that signing out can end this token alone. */
  jti?: string
  /** Signed in through the team's OpenID provider: signing out can end that session too. */
  via?: 'sso'
}

/** A verified token: who it names, and what the database checks it against. */
export interface VerifiedToken {
  user: User
  iat: number
  exp: number
  jti: string | null
  /** Its user's password is temporary: this token may only change it. */
  mustChangePassword?: boolean
  /** It came from single sign-on. */
  sso?: boolean
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

function hmac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest()
}

/** Signs an HS256 JWT. Expiry is always reckoned in real time, never the business clock. */
export function signToken(
  user: User,
  secret: string,
  options: { expiresInSeconds?: number; nowSeconds?: number; via?: 'sso' } = {},
): string {
  const iat = options.nowSeconds ?? Math.floor(Date.now() / 1000)
  const claims: TokenClaims = {
    sub: user.id,
    email: user.email,
    role: user.role,
    iat,
    exp: iat + (options.expiresInSeconds ?? 12 * 3600),
    jti: randomUUID(),
    ...(options.via && { via: options.via }),
  }
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`
  return `${body}.${hmac(secret, body).toString('base64url')}`
}

function unauthorized(message: string): ApiError {
  return new ApiError('UNAUTHORIZED', message)
}

function parseSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

const MAX_CACHED = 1000

/**
 * Verifies bearer tokens. HMAC-SHA256 runs synchronously (a few microseconds), and a token
 * once verified is remembered until it expires, so auth never dominates a request.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, VerifiedToken>()

  constructor(
    private readonly secret: string,
    private readonly realNowSeconds: () => number = () => Date.now() / 1000,
  ) {
    if (secret.length < 16) throw new Error('The JWT secret must be at least 16 characters')
  }

  verifyHeader(header: string | null | undefined): User {
    return this.verifyHeaderToken(header).user
  }

  /** The token's signature and expiry; whether its user may still use it is the database's to say. */
  verifyHeaderToken(header: string | null | undefined): VerifiedToken {
    if (!header) throw unauthorized('Missing Authorization header; send "Authorization: Bearer <token>"')
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim())
    if (!match) throw unauthorized('Malformed Authorization header; expected "Bearer <JWT>"')
    return this.verifyToken(match[1]!)
  }

  verify(token: string): User {
    return this.verifyToken(token).user
  }

  verifyToken(token: string): VerifiedToken {
    const now = this.realNowSeconds()
    const cached = this.cache.get(token)
    if (cached) {
      if (cached.exp > now) return cached
      this.cache.delete(token)
      throw unauthorized('Token expired; sign in again')
    }
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const head = parseSegment(header) as { alg?: unknown } | undefined
    if (!head || head.alg !== 'HS256') throw unauthorized('Token is not an HS256 JWT')
    const expected = hmac(this.secret, `${header}.${payload}`)
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthorized('Token signature is not valid')
    }
    const claims = parseSegment(payload) as Partial<TokenClaims> | undefined
    if (
      !claims ||
      typeof claims.sub !== 'string' ||
      !claims.sub ||
      typeof claims.email !== 'string' ||
      (claims.role !== 'csm' && claims.role !== 'admin') ||
      typeof claims.exp !== 'number'
    ) {
      throw unauthorized('Token claims are incomplete: sub, email, role (csm or admin) and exp are required')
    }
    if (claims.exp <= now) throw unauthorized('Token expired; sign in again')
    if (typeof claims.iat === 'number' && claims.iat > now + 60) throw unauthorized('Token is not valid yet')
    const verified: VerifiedToken = {
      user: { id: claims.sub, email: claims.email, role: claims.role },
      iat: typeof claims.iat === 'number' ? claims.iat : 0,
      exp: claims.exp,
      jti: typeof claims.jti === 'string' ? claims.jti : null,
      ...(claims.via === 'sso' && { sso: true }),
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear()
    this.cache.set(token, verified)
    return verified
  }
}

/** Who a server token names. Its signature is the server's to check; here it only picks the user. */
export function identityFromToken(token: string, nowSeconds = Date.now() / 1000): User | null {
  const parts = token.trim().split('.')
  if (parts.length !== 3) return null
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
    if (typeof claims.sub !== 'string' || typeof claims.email !== 'string') return null
    if (claims.role !== 'csm' && claims.role !== 'admin') return null
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null
    return { id: claims.sub, email: claims.email, role: claims.role }
  } catch {
    return null
  }
}
