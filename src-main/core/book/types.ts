import type { WorkflowContext } from '../api/types'

/** A page of the caller's book: the contexts of their active workflows, in id order. */
export interface BookPage {
  success: true
  contexts: WorkflowContext[]
  /** Where the next page starts (`?after=`), or null when this was the last. */
  next: string | null
}

/** Contexts per page: a usual book is one answer; a large one comes in pages of bounded size. */
export const BOOK_PAGE = 500
