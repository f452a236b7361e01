export interface Migration {
  /** Numbered from 1, no gaps; recorded in schema_migrations once applied. */
  version: number
  name: string
  sql: string
}
