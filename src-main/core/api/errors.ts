/** Error codes of the contract, plus the ones our decisions added (docs/decisions/0001-api-rules.md). */
export const ERROR_STATUS = {
  WORKFLOW_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  INVALID_STEP: 400,
  VALIDATION_ERROR: 400,
  WORKFLOW_ALREADY_STARTED: 409,
  WORKFLOW_COMPLETED: 409,
  WORKFLOW_CLOSED: 409,
  WORKFLOW_NOT_STARTED: 409,
  STEP_ALREADY_COMPLETED: 409,
  TASK_CHANGED: 409,
  RENEWAL_CLOSED: 409,
  SYNC_NOT_CONFIGURED: 409,
  USER_HAS_OPEN_WORK: 409,
  DEMO_HAS_WORK: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  PLAYBOOK_INVALID: 422,
  PLAYBOOK_CHANGED: 409,
  RATE_LIMITED: 429,
  SERVER_ERROR: 500,
  SERVER_UNREACHABLE: 503,
  SERVER_BUSY: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface ErrorBody {
  success: false
  error: { code: ErrorCode; message: string; details: Record<string, unknown> }
}

export class ApiError extends Error {
  readonly status: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = ERROR_STATUS[code]
  }

  toBody(): ErrorBody {
    return { success: false, error: { code: this.code, message: this.message, details: this.details } }
  }
}

export function workflowNotFound(id: string): ApiError {
  return new ApiError('WORKFLOW_NOT_FOUND', `Workflow with ID ${id} not found`, { workflowId: id })
}
