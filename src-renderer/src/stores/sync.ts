import { create } from 'zustand'
import type { Transport } from '../api/transport'
import { describeError } from './errors'
import type { EntryBody } from '../outbox-entry'

export interface SyncStatus {
  configured: boolean
  server?: string | null
  online?: boolean
  pending?: number
  rejected?: number
  /** Waiting behind a refused change of the same workflow. */
  held?: number
  /** Still waiting after 10 failed tries. */
  stuck?: number
  lastSyncAt?: string | null
  lastError?: string | null
  needsSignIn?: boolean
  syncing?: boolean
  /** False on a host that serves its own data: it follows a team server only when started so. */
  canConnect?: boolean
  why?: string
  /** What the server decided meanwhile about work done here, newest first. */
  notices?: { at: string; workflowId: string; text: string }[]
}

export interface OutboxEntry {
  id: string
  workflowId: string
  /** As the core's outbox names them (store/rows.ts OutboxKind, which the renderer's build cannot read). */
  kind:
    | 'start'
    | 'complete-step'
    | 'complete-workflow'
    | 'snooze'
    | 'resume'
    | 'create-task'
    | 'complete-task'
    | 'reopen-task'
    | 'set-forecast'
    | 'start-playbook'
  path: string
  body: EntryBody
  createdAt: string
  attempts: number
  lastError: string | null
  status: 'pending' | 'rejected'
  rejection: { error?: { code?: string; message?: string } } | null
  heldBy: string | null
  stuck: boolean
  /** The account it concerns and the step's name, as the desk knows them. */
  customerName: string | null
  stepName: string | null
}

interface SyncState {
  status: SyncStatus | null
  outbox: OutboxEntry[]
  busy: boolean
  error: { message: string; offline: boolean } | null
  fields: Record<string, string>
  /** The last refusal's code (DEMO_HAS_WORK asks the CSM to confirm). */
  errorCode: string | null
  refresh(transport: Transport): Promise<void>
  loadOutbox(transport: Transport): Promise<void>
  act(transport: Transport, method: 'POST', path: string, body?: unknown): Promise<boolean>
}

async function ask<T>(transport: Transport, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const answer = await transport.request(method, path, body)
  if (answer.status >= 400) {
    const error = (
      answer.body as { error?: { code?: string; message?: string; details?: { fields?: Record<string, string> } } }
    ).error
    throw Object.assign(new Error(error?.message ?? `Answer ${answer.status}`), {
      fields: error?.details?.fields ?? {},
      code: error?.code,
    })
  }
  return answer.body as T
}

/** The host's sync with the team server: status, outbox, and the actions of the settings screen. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  outbox: [],
  busy: false,
  error: null,
  fields: {},
  errorCode: null,

  async refresh(transport) {
    try {
      set({ status: await ask<SyncStatus>(transport, 'GET', '/sync/status') })
    } catch {
      // The connection indicator already says when the host is unreachable.
    }
  },

  async loadOutbox(transport) {
    if (!get().status?.configured) return set({ outbox: [] })
    try {
      set({ outbox: (await ask<{ entries: OutboxEntry[] }>(transport, 'GET', '/sync/outbox')).entries })
    } catch (error) {
      set({ error: describeError(error) })
    }
  },

  async act(transport, method, path, body) {
    set({ busy: true, error: null, fields: {}, errorCode: null })
    try {
      const status = await ask<SyncStatus>(transport, method, path, body)
      set({ status, busy: false })
      await get().loadOutbox(transport)
      return true
    } catch (error) {
      set({
        busy: false,
        error: { message: (error as Error).message, offline: false },
        fields: (error as { fields?: Record<string, string> }).fields ?? {},
        errorCode: (error as { code?: string }).code ?? null,
      })
      return false
    }
  },
}))
