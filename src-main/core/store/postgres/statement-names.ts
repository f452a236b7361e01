import { createHash } from 'node:crypto'

const names = new Map<string, string>()
/** A prepared statement's name, the same for one text on every connection and instance. */
export function statementName(sql: string): string {
  let name = names.get(sql)
  if (!name) names.set(sql, (name = `csm_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`))
  return name
}
