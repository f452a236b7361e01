import type { IdempotencyRecord } from './rows'

/** Applied change ids (Idempotency-Keys), what the server answered, and how long each is kept. */
export interface IdempotencyTx {
  /** The record of a key used since `since`; a compacted one has an empty response_json. */
  idempotencyHit(key: string, since: string): Promise<Omit<IdempotencyRecord, 'key'> | undefined>
  recordIdempotency(row: IdempotencyRecord): Promise<void>
  /** Keys used before this are forgotten. */
  expireIdempotencyKeys(before: string): Promise<void>
  /** Keys used before this keep only the fact that they were applied, not their answer. */
  compactIdempotencyKeys(before: string): Promise<void>
}
