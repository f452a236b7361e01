import { contextBridge, ipcRenderer } from 'electron'
import type { DeskBridge, ApiRequest, ApiResponse } from './bridge'

const bridge: DeskBridge = {
  request: (request: ApiRequest) => ipcRenderer.invoke('desk:api', request) as Promise<ApiResponse>,
}

contextBridge.exposeInMainWorld('desk', bridge)
