/** A server refusal's fields in the form's words: its own message for a field the form shows, else as sent. */
export function plainFieldMessages(
  fields: Record<string, string>,
  shown: readonly string[],
): {
  beside: Record<string, string>
  elsewhere: string | null
} {
  const beside: Record<string, string> = {}
  const rest: string[] = []
  for (const [field, problem] of Object.entries(fields)) {
    if (shown.includes(field)) beside[field] = problem.charAt(0).toUpperCase() + problem.slice(1)
    else rest.push(`${field} ${problem}`)
  }
  return { beside, elsewhere: rest.length ? rest.join('; ') : null }
}
