import type { ChangeRow } from './rows'

/** The change log as the event hub reads it: in order, by gap, and pruned. */
export interface ChangeReadsTx {
  /** Changes after `afterSeq`, oldest first (for one user, or all). */
  changesSince(afterSeq: number, userId: string | null, limit: number): Promise<ChangeRow[]>
  /** The changes with these seqs that exist now (a gap the hub saw may have been filled by a later commit). */
  changesIn(seqs: readonly number[]): Promise<ChangeRow[]>
  /** The newest change's seq, 0 when there is none. */
  latestChangeSeq(): Promise<number>
  pruneChanges(before: string): Promise<void>
}
