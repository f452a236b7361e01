import { Readable } from 'node:stream'
import { parse } from 'csv-parse'

/** A file's bytes as they arrive: a file stream, a request body. Read once per pass. */
export type Source = () => AsyncIterable<Uint8Array | string>

export class FileError extends Error {}

/** UTF-8 text, with or without a BOM, in chunks; CRLF becomes LF (a CR at a chunk's end waits for the next). */
async function* text(source: Source): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let carry = ''
  const decode = (chunk: Uint8Array | string, last = false) => {
    try {
      return typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: !last })
    } catch {
      throw new FileError('The file is not UTF-8 text; save it as CSV UTF-8 and try again')
    }
  }
  for await (const chunk of source()) {
    let part = carry + decode(chunk)
    carry = part.endsWith('\r') ? '\r' : ''
    if (carry) part = part.slice(0, -1)
    if (part) yield part.replace(/\r\n?/g, '\n')
  }
  const rest = carry + decode(new Uint8Array(), true)
  if (rest) yield rest.replace(/\r\n?/g, '\n')
}

export interface CsvRecord {
  /** The file's line where the record starts; the header is line 1. */
  line: number
  cells: string[]
}

/**
 * A CSV file's records (RFC 4180: quoted commas, quotes and newlines), the header first.
 * Empty lines and rows of empty cells are skipped; a record the parser cannot read is yielded
 * with its problem so the caller reports it on its line.
 */
export async function* csvRecords(source: Source): AsyncGenerator<CsvRecord | { line: number; problem: string }> {
  const skipped: { line: number; problem: string }[] = []
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    record_delimiter: '\n',
  })
  parser.on('skip', (error: Error & { lines?: number }) =>
    skipped.push({ line: error.lines ?? 0, problem: error.message.replace(/^Invalid/, 'Unreadable') }),
  )
  const input = Readable.from(text(source))
  input.on('error', (error) => parser.destroy(error))
  input.pipe(parser)
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const newlinesInside = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0)
    const line = info.lines - newlinesInside
    // The parser may report a problem before handing over the records read ahead of it.
    while (skipped.length && skipped[0]!.line < line) yield skipped.shift()!
    yield { line, cells: record }
  }
  while (skipped.length) yield skipped.shift()!
}

/** An NDJSON file's non-empty lines, with their line numbers. */
export async function* ndjsonLines(source: Source): AsyncGenerator<{ line: number; text: string }> {
  let line = 0
  let rest = ''
  for await (const chunk of text(source)) {
    const parts = (rest + chunk).split('\n')
    rest = parts.pop()!
    for (const part of parts) {
      line++
      const trimmed = (line === 1 ? part.replace(/^\uFEFF/, '') : part).trim()
      if (trimmed) yield { line, text: trimmed }
    }
  }
  line++
  const last = (line === 1 ? rest.replace(/^\uFEFF/, '') : rest).trim()
  if (last) yield { line, text: last }
}
