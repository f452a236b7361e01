/**
 * npm run users -- add --db <db> --email E --name N --role csm|admin [--experience junior|mid|senior|expert]
 * npm run users -- list --db <db>
 * npm run users -- set-password --db <db> --email E
 * npm run users -- deactivate --db <db> --email E [--reassign-to <user id>]
 * npm run users -- activate --db <db> --email E
 * Passwords are read from standard input, one line, never from the command line; a password set
 * here is temporary: its user chooses their own at first sign-in. --db may be CSMDESK_DB_URL instead.
 */
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { User } from '../core/api/auth'
import { parseBody } from '../core/api/bodies'
import { ApiError } from '../core/api/errors'
import { setPassword } from '../core/auth/accounts'
import { hashPassword, passwordProblem } from '../core/auth/passwords'
import type { Db } from '../core/store/db'
import { openDb } from '../core/store/open'
import { activateUser, addUser, deactivateUser, listUsers, newUserBody } from '../core/team/users'
import { secretFlags, secretOption } from './secret-options'

const USAGE = `Usage:
  npm run users -- add --db <db> --email E --name N --role csm|admin [--experience junior|mid|senior|expert]   (password on stdin)
  npm run users -- list --db <db>
  npm run users -- set-password --db <db> --email E   (password on stdin)
  npm run users -- deactivate --db <db> --email E [--reassign-to <user id>]
  npm run users -- activate --db <db> --email E
(--db, --db-file or CSMDESK_DB_URL; a password set here is temporary: it is changed at first sign-in)`

const COMMANDS = ['add', 'list', 'set-password', 'deactivate', 'activate']

/** Who the audit trail names for changes made here, on the server's own machine. */
const OPERATOR: User = { id: 'operator', email: 'npm run users', role: 'admin' }

async function readLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ''
}

export async function main(
  argv: string[],
  io: { input: NodeJS.ReadableStream; out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  const [command, ...rest] = argv
  let values
  try {
    values = parseArgs({
      args: rest,
      options: {
        ...secretFlags('db'),
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        experience: { type: 'string', default: 'mid' },
        'reassign-to': { type: 'string' },
      },
    }).values
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  let dbPath
  try {
    dbPath = secretOption(values, 'db', 'CSMDESK_DB_URL')
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (!command || !COMMANDS.includes(command) || !dbPath) {
    io.err(USAGE)
    return 2
  }
  if (command !== 'list' && !values.email) {
    io.err(`--email is required\n${USAGE}`)
    return 2
  }
  const db = await openDb(dbPath)
  try {
    return await run(command, values as Record<string, string>, db, io)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    const fields = (error.details.fields ?? {}) as Record<string, string>
    io.err([error.message, ...Object.entries(fields).map(([k, v]) => `${k} ${v}`)].join('\n'))
    return 1
  } finally {
    await db.close()
  }
}

async function password(io: { input: NodeJS.ReadableStream; err: (line: string) => void }): Promise<string | null> {
  const text = await readLine(io.input)
  const problem = passwordProblem(text)
  if (problem) io.err(`The password ${problem} (read from standard input, one line)`)
  return problem ? null : text
}

async function run(
  command: string,
  values: Record<string, string>,
  db: Db,
  io: { input: NodeJS.ReadableStream; out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  const now = new Date()
  if (command === 'list') {
    for (const u of (await db.read(listUsers)).users) {
      io.out(`${u.id}\t${u.email}\t${u.name}\t${u.role}\t${u.experience}\t${u.active ? 'active' : 'deactivated'}`)
    }
    return 0
  }
  if (command === 'add') {
    const body = parseBody(newUserBody, {
      email: values.email,
      name: values.name,
      role: values.role,
      experience: values.experience,
    })
    const secret = await password(io)
    if (!secret) return 1
    const given = { text: secret, hash: await hashPassword(secret) }
    const { user } = await db.write((tx) => addUser(tx, OPERATOR, now, body, given))
    io.out(user.id)
    return 0
  }
  const user = await db.read((tx) => tx.userByEmail(values.email!))
  if (!user) {
    io.err(`No user has the email ${values.email}`)
    return 1
  }
  if (command === 'set-password') {
    const secret = await password(io)
    if (!secret) return 1
    await setPassword(db, OPERATOR, user.id, secret, now, { temporary: true })
    io.out(
      `The password of ${user.email} is set; their earlier sign-ins have ended. They choose their own at next sign-in.`,
    )
    return 0
  }
  if (command === 'activate') {
    await db.write((tx) => activateUser(tx, OPERATOR, now, user.id))
    io.out(`${user.email} is active again; they sign in anew.`)
    return 0
  }
  const result = await db.write((tx) =>
    deactivateUser(tx, OPERATOR, now, user.id, values['reassign-to'] ? { reassignTo: values['reassign-to'] } : {}),
  )
  io.out(`${user.email} is deactivated${result.reassigned ? `; ${result.reassigned} open workflows reassigned` : ''}.`)
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2), {
    input: process.stdin,
    out: console.log,
    err: console.error,
  })
}
