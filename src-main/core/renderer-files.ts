import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { RENDERER_CSP } from './renderer-csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Resolves a URL path inside root, or null when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const target = resolve(base, normalize(join('.', decoded)))
  return target === base || target.startsWith(base + sep) ? target : null
}

/**
 * Serves the built renderer; any path that is not a file gets index.html (the app routes
 * itself). Built assets have a content hash in their names: they are kept in memory once read
 * (answered without waiting for the disk, even while the API is busy) and cached by browsers.
 */
export function staticFiles(root: string): (request: Request) => Promise<Response> {
  const assets = new Map<string, Buffer>()
  const headers = (type: string, immutable = false) => ({
    'content-type': type,
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(immutable ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
  })
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 })
    }
    const path = new URL(request.url).pathname
    const file = resolveInside(root, path === '/' ? '/index.html' : path)
    if (!file) return new Response('Not found', { status: 404 })
    const hashed = path.startsWith('/assets/')
    const kept = hashed ? assets.get(file) : undefined
    if (kept) return new Response(kept, { headers: headers(TYPES[extname(file)] ?? 'application/octet-stream', true) })
    try {
      if (hashed) {
        const bytes = await readFile(file)
        assets.set(file, bytes)
        return new Response(bytes, { headers: headers(TYPES[extname(file)] ?? 'application/octet-stream', true) })
      }
      return new Response(await readFile(file), {
        headers: headers(TYPES[extname(file)] ?? 'application/octet-stream'),
      })
    } catch {
      if (extname(path)) return new Response('Not found', { status: 404 })
      try {
        return new Response(await readFile(join(root, 'index.html')), { headers: headers(TYPES['.html']!) })
      } catch {
        return new Response('The renderer is not built; run npm run build', { status: 503 })
      }
    }
  }
}
