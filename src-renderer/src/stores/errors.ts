import { OfflineError } from '../api/transport'
import { ApiFailure } from '../api/workflow-service'

/** What to tell a CSM about a failed request, and whether it was the connection. */
export function describeError(error: unknown): { message: string; offline: boolean } {
  if (error instanceof OfflineError) return { message: error.message, offline: true }
  if (error instanceof ApiFailure) return { message: error.message, offline: false }
  return { message: 'Something unexpected went wrong. Your input is kept; try again.', offline: false }
}
