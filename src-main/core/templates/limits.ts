/** The longest template source an author may save. */
export const MAX_TEMPLATE_CHARS = 50_000
