/** What the preload carries between the renderer and the core's router. */
export interface ApiRequest {
  method: 'GET' | 'POST'
  /** Path under /api, e.g. /workflows/queue/csm-456 */
  path: string
  body?: unknown
}

export interface ApiResponse {
  status: number
  body: unknown
}

export interface DeskBridge {
  request(request: ApiRequest): Promise<ApiResponse>
}
