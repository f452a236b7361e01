import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../index'
import { demoUser, testCore, tokenFor } from '../testing'

/** A push whose body comes in pieces, as a chunked upload does: no Content-Length to judge by. */
function chunked(path: string, pieces: string[], headers: Record<string, string> = {}): Request {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece))
      controller.close()
    },
  })
  return new Request(`http://desk.local/api${path}`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { authorization: `Bearer ${tokenFor('csm-456')}`, 'content-type': 'application/json', ...headers },
  } as RequestInit)
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error

describe('the body limit', () => {
  let core: Core
  afterEach(() => core?.close())

  it('counts a body without a declared length as it comes, and refuses one past 1 MB', async () => {
    core = await testCore()
    const padding = 'x'.repeat(64 * 1024)
    const pieces = ['{"csmId":"csm-456","padding":"', ...Array.from({ length: 17 }, () => padding), '"}']
    const refused = await core.api.fetch(chunked('/workflows/wf-12345/start', pieces))
    expect(refused.status).toBe(400)
    const error = await errorOf(refused)
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.message).toMatch(/larger than 1 MB/)
    const context = await core.workflows.context(demoUser('csm-456'), 'wf-12345')
    expect(context.workflow.status).toBe('pending')

    const started = await core.api.fetch(chunked('/workflows/wf-12345/start', ['{"csmId":', '"csm-456"}']))
    expect(started.status).toBe(200)
  })

  it('judges a declared length before reading a byte', async () => {
    core = await testCore()
    // Declares more than it sends: refused on the declaration alone.
    const declared = chunked('/workflows/wf-12345/start', ['{"csmId":"csm-456"}'], { 'content-length': '2000000' })
    const refused = await core.api.fetch(declared)
    expect(refused.status).toBe(400)
    expect((await errorOf(refused)).code).toBe('VALIDATION_ERROR')
  })

  it('refuses a declared length that is not a plain number, before reading the body', async () => {
    core = await testCore()
    const pieces = ['{"csmId":"csm-456","padding":"', 'x'.repeat(1_100_000), '"}']
    const refused = await core.api.fetch(chunked('/workflows/wf-12345/start', pieces, { 'content-length': '20, 20' }))
    expect(refused.status).toBe(400)
    const error = await errorOf(refused)
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.message).toMatch(/Content-Length/)
    expect((await core.workflows.context(demoUser('csm-456'), 'wf-12345')).workflow.status).toBe('pending')
  })
})
