import { parseArgs } from 'node:util'
import { signToken } from '../core/api/auth'

const USAGE =
  'Usage: CSMDESK_JWT_SECRET=... npm run token -- --sub csm-456 --email sarah@company.com --role csm [--expires-in 43200]'

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', default: 'csm' },
      'expires-in': { type: 'string', default: String(12 * 3600) },
    },
  })
  const secret = process.env.CSMDESK_JWT_SECRET
  const expiresInSeconds = Number(values['expires-in'])
  const problems = [
    !secret && 'CSMDESK_JWT_SECRET is not set',
    !values.sub && '--sub is required',
    !values.email && '--email is required',
    values.role !== 'csm' && values.role !== 'admin' && '--role must be csm or admin',
    !(Number.isInteger(expiresInSeconds) && expiresInSeconds > 0) &&
      '--expires-in must be a positive number of seconds',
  ].filter(Boolean)
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${USAGE}`)
    process.exit(2)
  }
  const role = values.role as 'csm' | 'admin'
  console.log(signToken({ id: values.sub!, email: values.email!, role }, secret!, { expiresInSeconds }))
}

main()
