import type { ContextStep, ContextWith, WorkflowContext } from '../api/types'

/**
 * A step as the book carries it: which one, and what was recorded. Its definition (name, template,
 * outputs) is the playbook version's, which the desk holds already: about half of a context's bytes.
 */
export type BookStep = Pick<ContextStep, 'id' | 'result'>

/** A workflow's context as a desk stores it: the context, its steps as recorded (see BookStep). */
export type BookContext = ContextWith<BookStep>

/** A page of the caller's book: the contexts of their active workflows, in id order. */
export interface BookPage {
  success: true
  contexts: BookContext[]
  /** Where the next page starts (`?after=`), or null when this was the last. */
  next: string | null
}

/** Contexts per page: a usual book is one answer; a large one comes in pages of bounded size. */
export const BOOK_PAGE = 500

/** A context as the book carries it (a desk keeps contexts read by id the same way, so both compare). */
export function bookContext(context: WorkflowContext | BookContext): BookContext {
  const { workflow } = context
  return { ...context, workflow: { ...workflow, steps: workflow.steps.map(({ id, result }) => ({ id, result })) } }
}
