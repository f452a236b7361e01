import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SERVE = fileURLToPath(new URL('../../out/main/serve.js', import.meta.url))

/**
 * `npm run serve` (the built host) in a child process on a free port; resolves with its URL and
 * what it printed until then (a line printed right after "listening" may have come in the same chunk).
 */
export function spawnServe(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; printed: string }> {
  const child = spawn(process.execPath, [SERVE, '--port', '0', ...args], { env: { ...process.env, ...env } })
  let output = ''
  return new Promise((done, fail) => {
    const read = (chunk: Buffer) => {
      output += chunk
      const match = /listening on (\S+)/.exec(output)
      if (match) done({ url: match[1]!, child, printed: output })
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => fail(new Error(`the host exited with ${code}: ${output}`)))
  })
}
