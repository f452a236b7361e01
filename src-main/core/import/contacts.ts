import type { RowError } from './accounts'
import type { ContactField } from './fields'
import { parseBoolean } from './values'
import { isEmail } from '../api/email'

export interface Contact {
  name: string
  email: string | null
  role: string | null
  isPrimary: boolean
}

export type ContactCellReader = (field: ContactField) => { column: string; text: string } | undefined

/** One contact row: the account it belongs to (by external id) and the contact, or its problems. */
export function readContact(
  cell: ContactCellReader,
  line: number,
): { accountId: string; contact: Contact } | { errors: RowError[] } {
  const errors: RowError[] = []
  const text = (field: ContactField) => cell(field)?.text.trim() ?? ''
  const fail = (field: ContactField, message: string) =>
    errors.push({ line, column: cell(field)?.column ?? field, value: cell(field)?.text ?? null, message })
  if (!text('account_id')) fail('account_id', 'is required')
  if (!text('name')) fail('name', 'is required')
  const email = text('email')
  if (email && !isEmail(email)) fail('email', 'must be an email address')
  const primary = parseBoolean(text('is_primary'))
  if (!primary.ok) fail('is_primary', primary.message)
  if (errors.length) return { errors }
  return {
    accountId: text('account_id'),
    contact: {
      name: text('name'),
      email: email || null,
      role: text('role') || null,
      isPrimary: primary.ok && primary.value,
    },
  }
}

/** A contact as the context shows it; a field the file leaves empty is left out. */
export function storedContact(contact: Contact): Record<string, unknown> {
  return {
    name: contact.name,
    ...(contact.role && { role: contact.role }),
    ...(contact.email && { email: contact.email }),
    isPrimary: contact.isPrimary,
  }
}
