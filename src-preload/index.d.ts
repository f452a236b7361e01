import type { DeskBridge } from './bridge'

declare global {
  interface Window {
    /** Present only in the Electron app; the browser host uses fetch instead. */
    desk?: DeskBridge
  }
}

export {}
