import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * A throwaway PostgreSQL cluster for tests and benches: Debian's binaries, initdb and pg_ctl
 * run as the `postgres` user when we are root (they refuse root), fsync off, on a free port of
 * loopback, removed on stop.
 */
export interface PgCluster {
  url: string
  stop(): void
}

const INSTALL_HINT =
  'PostgreSQL 15 or newer is needed for the tests: apt-get install postgresql (or set CSMDESK_TEST_PG_URL to a server of yours)'

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((v) => v >= 15)
        .sort((a, b) => b - a)
    : []
  const dir = versions.length ? join(root, String(versions[0]), 'bin') : null
  if (!dir || !existsSync(join(dir, 'initdb'))) throw new Error(INSTALL_HINT)
  return dir
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/**
 * The environment without libfaketime (`faketime -f '+400d' npx vitest run`): the tests move the
 * app's clock, and the throwaway server keeps the real one, since its own timers (lock_timeout)
 * never fire under libfaketime.
 */
function realClockEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
  )
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = binDir()
  const asRoot = userInfo().uid === 0
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool)
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args
    const result = spawnSync(command, full, { encoding: 'utf8', env: realClockEnv() })
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'csmdesk-pg-'))
  chmodSync(dir, 0o755)
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  // A port free a moment ago can be taken before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`
    try {
      run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start'])
    } catch (error) {
      if (attempt < 5) continue
      rmSync(dir, { recursive: true, force: true })
      throw error
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: () => {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  }
}
