import { describe, expect, it } from 'vitest'
import { isLoopback } from './loopback'

describe('isLoopback', () => {
  it('knows this machine by its names and addresses', () => {
    for (const name of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'LOCALHOST'])
      expect(isLoopback(name)).toBe(true)
  })

  it('refuses every other name, including ones that only start like loopback', () => {
    for (const name of ['0.0.0.0', '10.0.0.1', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', ''])
      expect(isLoopback(name), name).toBe(false)
  })
})
