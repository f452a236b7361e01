import { create } from 'zustand'

interface ConnectionState {
  online: boolean
  lastOkAt: string | null
  reached(): void
  lost(): void
}

/** Whether the last request reached the server; set by the transport, shown in the top bar. */
export const useConnection = create<ConnectionState>((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  lastOkAt: null,
  reached: () => set({ online: true, lastOkAt: new Date().toISOString() }),
  lost: () => set({ online: false }),
}))
