import { randomUUID } from 'node:crypto'

/**
 * A JSON column's text, written into an answer as it is stored. A book carries every context's
 * data, insights and recommendations (half its bytes); parsing them to write them out again was
 * a quarter of the server's CPU per book. The text is what the app wrote with JSON.stringify.
 */
export class RawJson {
  constructor(readonly text: string) {}

  /** Stands in for the text while `stringifyWithRaw` writes the answer (anywhere else, the parsed value). */
  toJSON(): unknown {
    if (!spliced) return JSON.parse(this.text)
    spliced.push(this.text)
    return `${MARK}${spliced.length - 1}`
  }
}

/** Starts with a NUL, which no stored text carries (the API refuses it), and names this process's run. */
const MARK = `\u0000raw-json-${randomUUID()}:`
/** A stand-in as JSON.stringify writes it: quoted, the NUL escaped. */
const STAND_IN = new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`, 'g')
let spliced: string[] | null = null

/** `JSON.stringify(value)`, with each RawJson's text in its place. */
export function stringifyWithRaw(value: unknown): string {
  spliced = []
  try {
    const texts = spliced
    return JSON.stringify(value).replace(STAND_IN, (_, at: string) => texts[Number(at)]!)
  } finally {
    spliced = null
  }
}
