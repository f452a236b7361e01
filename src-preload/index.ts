import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiRequest, ApiResponse, DeskBridge, DeskEvent } from './bridge'

// The only thing the renderer gets: one request function and one event subscription. No
// ipcRenderer, no Node, and listeners receive the payload, never the IPC event.
const bridge: DeskBridge = {
  request: (request: ApiRequest) => ipcRenderer.invoke('desk:api', request) as Promise<ApiResponse>,
  onEvent: (listener: (event: DeskEvent) => void) => {
    const forward = (_event: IpcRendererEvent, payload: DeskEvent) => listener(payload)
    ipcRenderer.on('desk:event', forward)
    return () => {
      ipcRenderer.removeListener('desk:event', forward)
    }
  },
}

contextBridge.exposeInMainWorld('desk', bridge)
