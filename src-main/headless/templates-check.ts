/**
 * npm run templates:check: renders every step template against every workflow's context (the
 * demo book, and a sparse book of accounts-only imports) and fails, naming template, workflow
 * and path, on any error or missing value. Given a database (--db), it checks that database's
 * workflows, and the playbook versions published there as well.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { clockFromEnv, isoDay } from '../core/clock'
import { DEMO_CSMS } from '../core/demo/demo'
import { seedCheckBooks } from '../core/playbooks/book'
import { openDb } from '../core/store/open'
import { TemplateLibrary } from '../core/templates/library'
import { templateVariables } from '../core/templates/variables'
import { Workflows } from '../core/workflows'
import { openPlaybooks } from '../core/playbooks/open'
import { checkPlaybook, type BookSample } from '../core/playbooks/check'
import type { PlaybookBody } from '../core/playbooks/types'
import type { Db } from '../core/store/db'

/** Checks against the workflows of `dbPath` (SQLite or PostgreSQL), or the demo book when none is given. */
export async function checkTemplates(
  templatesDir: string,
  dbPath = ':memory:',
): Promise<{ problems: string[]; renders: number }> {
  const clock = clockFromEnv()
  const library = new TemplateLibrary(templatesDir)
  const db = await openDb(dbPath)
  if (dbPath === ':memory:') await seedCheckBooks(db, clock)
  const workflows = new Workflows(db, clock, await openPlaybooks(db, library, () => new Date()))
  const admin = DEMO_CSMS.find((c) => c.role === 'admin')!
  const problems: string[] = []
  const samples: BookSample[] = []
  let renders = 0
  for (const id of await db.read((tx) => tx.workflowIds())) {
    const context = await workflows.context({ id: admin.id, email: admin.email, role: 'admin' }, id)
    const variables = templateVariables(context, context.workflow.assignee, isoDay(clock.now()))
    samples.push({ workflowId: id, variables })
    for (const name of library.names()) {
      renders++
      try {
        const { output, missing, unordered } = library.render(name, variables)
        for (const path of missing) problems.push(`${name}, workflow ${id} (${context.customer.name}): missing ${path}`)
        for (const path of unordered ?? [])
          problems.push(
            `${name}, workflow ${id}: prints the dated series ${path} newest first; use (chronological ${path})`,
          )
        if (!missing.length && output.includes('tpl-missing'))
          problems.push(`${name}, workflow ${id}: shows a missing-value marker`)
      } catch (error) {
        problems.push(`${name}, workflow ${id}: ${(error as Error).message}`)
      }
    }
  }
  if (dbPath !== ':memory:') renders += await checkPublished(db, samples, problems)
  await db.close()
  return { problems, renders }
}

/** The playbook versions published in the database (other than the shipped files above), over its workflows. */
async function checkPublished(db: Db, samples: readonly BookSample[], problems: string[]): Promise<number> {
  const published = await db.read(async (tx) => {
    const versions = []
    for (const row of await tx.playbooks()) {
      if (row.published_version === null || (row.kind === 'renewal' && row.published_version === 1)) continue
      const version = await tx.playbookVersion(row.id, row.published_version)
      if (version) versions.push(version)
    }
    return versions
  })
  let renders = 0
  for (const version of published) {
    const found = checkPlaybook(JSON.parse(version.body_json) as PlaybookBody, samples, [])
    renders += found.renders
    for (const p of found.problems)
      problems.push(
        `playbook ${version.playbook_id} version ${version.version}, step ${p.stepId ?? '-'}${p.line ? ` line ${p.line}` : ''}` +
          `${p.workflowId ? `, workflow ${p.workflowId}` : ''}: ${p.message}`,
      )
  }
  return renders
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // npm run templates:check -- [--db <SQLite file | postgres:// URL>] [templates folder]
  const { values, positionals } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: true })
  const dir = positionals[0] ?? fileURLToPath(new URL('../../resources/templates', import.meta.url))
  try {
    const { problems, renders } = await checkTemplates(dir, values.db)
    for (const problem of problems) console.error(problem)
    console.log(`${renders} renders checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`)
    process.exit(problems.length ? 1 : 0)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
