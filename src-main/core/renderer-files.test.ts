import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveInside, staticFiles } from './renderer-files'

const parent = mkdtempSync(join(tmpdir(), 'csmdesk-static-'))
const root = join(parent, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>CSM Desk</title>')
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(parent, 'secret.txt'), 'do not serve')

const serve = staticFiles(root)
const get = (path: string) => serve(new Request(`http://x${path}`))

describe('static files of the headless host', () => {
  it('serves files with their type and the CSP', async () => {
    const response = await get('/assets/app.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
  })

  it('answers app routes with index.html and a missing asset with 404', async () => {
    expect(await (await get('/workflow/wf-12345')).text()).toMatch(/CSM Desk/)
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  it('never leaves its folder', async () => {
    expect(resolveInside(root, '/../secret.txt')).toBeNull()
    expect(resolveInside(root, '/%2e%2e/secret.txt')).toBeNull()
    expect(resolveInside(root, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeNull()
    expect(resolveInside(root, '/..%5csecret.txt')).not.toBe(join(parent, 'secret.txt'))
    expect(resolveInside(root, '/a%00b')).toBeNull()
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull()
    for (const path of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      expect(await (await get(path)).text()).not.toMatch(/do not serve/)
    }
  })
})
