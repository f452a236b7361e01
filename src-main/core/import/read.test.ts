import { describe, expect, it } from 'vitest'
import { csvRecords, ndjsonLines, type Source } from './read'

const chunks =
  (...parts: (string | Uint8Array)[]): Source =>
  () =>
    (async function* () {
      yield* parts
    })()

async function all<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of gen) out.push(item)
  return out
}

describe('reading import files', () => {
  it('reads RFC 4180 quoting, a BOM, CRLF split across chunks, and numbers lines from the header', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf])
    const records = await all(
      csvRecords(
        chunks(bom, 'id,name,notes\r', '\n1,"Acme, Inc.","said ""hi""\r\nand left"\r\n\r\n2,Beta,\r\n', '\r\n'),
      ),
    )
    expect(records).toEqual([
      { line: 1, cells: ['id', 'name', 'notes'] },
      { line: 2, cells: ['1', 'Acme, Inc.', 'said "hi"\nand left'] },
      { line: 5, cells: ['2', 'Beta', ''] },
    ])
  })

  it('reports a record it cannot read on its line and goes on', async () => {
    const records = await all(csvRecords(chunks('id,name\n1,"unclosed\n')))
    expect(records).toEqual([
      { line: 1, cells: ['id', 'name'] },
      { line: 2, problem: expect.stringContaining('Quote Not Closed') },
    ])
  })

  it('refuses a file that is not UTF-8', async () => {
    await expect(all(csvRecords(chunks(new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe]))))).rejects.toThrow(/not UTF-8/)
  })

  it('numbers NDJSON lines, skipping empty ones', async () => {
    expect(await all(ndjsonLines(chunks('{"a":1}\n\n{"b"', ':2}\n')))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
    ])
  })
})
