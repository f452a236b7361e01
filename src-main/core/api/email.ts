/** The longest address SMTP carries (RFC 5321): anything longer is refused before any pattern runs. */
export const MAX_EMAIL_LENGTH = 254

/**
 * local@domain.tld with no spaces. Each part excludes the character that ends it (@, then dots),
 * so the match never backtracks: linear time on any input, where /[^\s@]+\.[^\s@]+$/ was quadratic.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

export function isEmail(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && EMAIL.test(text)
}
