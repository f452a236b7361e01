/** What the preload carries between the renderer and the core's router. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT'
  /** Path under /api, e.g. /workflows/queue/csm-456 */
  path: string
  body?: unknown
  /** The query string's parameters (an import's options). */
  query?: Record<string, string>
  /** A file's text sent as the body instead of JSON: an admin's import, up to 50 MB. */
  file?: string
}

export interface ApiResponse {
  status: number
  body: unknown
}

/** What the main process pushes to the renderer. */
export type DeskEvent =
  | { type: 'navigate'; to: 'queue' | 'tasks' }
  | { type: 'open-workflow'; id: string }
  /** Data changed (a pull brought news, another device acted): the named workflow, or everything. */
  | { type: 'queue-changed'; workflowId?: string }
  | { type: 'show-shortcuts' }
  | { type: 'notice'; message: string }

export interface DeskBridge {
  request(request: ApiRequest): Promise<ApiResponse>
  /** Listens for events from the main process; returns a function that stops listening. */
  onEvent(listener: (event: DeskEvent) => void): () => void
}
