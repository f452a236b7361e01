import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NOW, startHost } from './fixtures'

export const TEAM_SECRET = 'team-server-secret-for-the-e2e-run'

/** A team server process for a sync test, in a folder of its own: it can go away and come back. */
export class TeamServer {
  private constructor(
    private readonly dir: string,
    private running: { url: string; child: ChildProcess },
  ) {}

  static async start(now = NOW): Promise<TeamServer> {
    const dir = mkdtempSync(join(tmpdir(), 'csmdesk-team-'))
    return new TeamServer(dir, await startHost(dir, TEAM_SECRET, now))
  }

  get url(): string {
    return this.running.url
  }

  /** Goes away at once, as a crashed or unplugged server does. */
  async kill(): Promise<void> {
    const { child } = this.running
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGKILL')
    await new Promise((done) => child.once('exit', done))
  }

  /** Comes back on the same database (at a new port), its business clock at `now`. */
  async restart(now = NOW): Promise<void> {
    await this.kill()
    this.running = await startHost(this.dir, TEAM_SECRET, now)
  }

  async remove(): Promise<void> {
    await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Runs a test beside a team server of its own, removed afterwards whatever happens. */
export async function withTeamServer(run: (team: TeamServer) => Promise<void>): Promise<void> {
  const team = await TeamServer.start()
  try {
    await run(team)
  } finally {
    await team.remove()
  }
}
