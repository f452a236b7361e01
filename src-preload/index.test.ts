import { describe, expect, it, vi } from 'vitest'

const exposed = vi.hoisted(() => ({
  worlds: new Map<string, unknown>(),
  listeners: [] as ((event: unknown, payload: unknown) => void)[],
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.worlds.set(key, api) },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ status: 200, body: { channel, request } })),
    on: (_channel: string, listener: (event: unknown, payload: unknown) => void) => exposed.listeners.push(listener),
    removeListener: (_channel: string, listener: (event: unknown, payload: unknown) => void) =>
      exposed.listeners.splice(exposed.listeners.indexOf(listener), 1),
  },
}))

await import('./index')

describe('the preload', () => {
  it('exposes one small object, and no ipcRenderer', () => {
    expect([...exposed.worlds.keys()]).toEqual(['desk'])
    expect(Object.keys(exposed.worlds.get('desk') as object).sort()).toEqual(['onEvent', 'request'])
  })

  it('sends requests on the one API channel', async () => {
    const desk = exposed.worlds.get('desk') as { request: (r: unknown) => Promise<unknown> }
    expect(await desk.request({ method: 'GET', path: '/me' })).toEqual({
      status: 200,
      body: { channel: 'desk:api', request: { method: 'GET', path: '/me' } },
    })
  })

  it('hands listeners the payload, never the IPC event, and stops when asked', () => {
    const desk = exposed.worlds.get('desk') as { onEvent: (l: (e: unknown) => void) => () => void }
    const seen: unknown[] = []
    const stop = desk.onEvent((event) => seen.push(event))
    exposed.listeners[0]!({ sender: 'secret ipc event' }, { type: 'navigate', to: 'queue' })
    expect(seen).toEqual([{ type: 'navigate', to: 'queue' }])
    stop()
    expect(exposed.listeners).toHaveLength(0)
  })
})
