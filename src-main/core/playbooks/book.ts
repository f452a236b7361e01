import type { User } from '../api/auth'
import { isoDay, type Clock } from '../clock'
import { seedDemo, DEMO_CSMS } from '../demo/demo'
import { sparseAccountsCsv, sparseContactsCsv } from '../demo/sparse-book'
import { runImport } from '../import/importer'
import type { Db } from '../store/db'
import { openDb } from '../store/open'
import { templateVariables } from '../templates/variables'
import type { Workflows } from '../workflows'
import { MAX_CONTEXTS } from '../workflows'
import type { BookSample } from './check'

/** A check renders over at most this many of the book's workflows, spread evenly by id (decision 0019). */
export const MAX_CHECKED_WORKFLOWS = 10_000

/** The demo book and a sparse book of accounts-only imports, which every template must read well over. */
export async function seedCheckBooks(db: Db, clock: Clock): Promise<void> {
  await seedDemo(db, clock)
  for (const [kind, csv] of [
    ['accounts', sparseAccountsCsv(isoDay(clock.now()))],
    ['contacts', sparseContactsCsv()],
  ] as const) {
    const sparse = await runImport(
      db,
      clock,
      async function* () {
        yield csv
      },
      { kind, dryRun: false, skipInvalid: false, dateFormat: 'MDY' },
    )
    if (!sparse.success) throw new Error(`The sparse book did not import: ${JSON.stringify(sparse.errors)}`)
  }
}

/** The template variables of workflows (ids), read as an admin, 500 at a time. */
export async function samplesOf(workflows: Workflows, reader: User, ids: readonly string[]): Promise<BookSample[]> {
  const today = isoDay(workflows.clock.now())
  const samples: BookSample[] = []
  for (let i = 0; i < ids.length; i += MAX_CONTEXTS) {
    const { contexts } = await workflows.contexts(reader, { ids: ids.slice(i, i + MAX_CONTEXTS) })
    for (const context of contexts)
      samples.push({
        workflowId: context.workflow.id,
        variables: templateVariables(context, context.workflow.assignee, today),
      })
  }
  return samples
}

/** The book's workflows a check renders over: every one, or an even spread of MAX_CHECKED_WORKFLOWS. */
export async function bookSamples(workflows: Workflows, reader: User): Promise<BookSample[]> {
  const all = await workflows.db.read((tx) => tx.workflowIds())
  const step = Math.max(1, all.length / MAX_CHECKED_WORKFLOWS)
  const ids =
    all.length <= MAX_CHECKED_WORKFLOWS
      ? all
      : Array.from({ length: MAX_CHECKED_WORKFLOWS }, (_, i) => all[Math.floor(i * step)]!)
  return samplesOf(workflows, reader, ids)
}

const sparse = new Map<string, Promise<BookSample[]>>()

/** The sparse book's workflows (built once a day in memory), so a draft reads well over an accounts-only import. */
export function sparseSamples(clock: Clock, make: (db: Db) => Workflows): Promise<BookSample[]> {
  const day = isoDay(clock.now())
  let samples = sparse.get(day)
  if (!samples) {
    samples = (async () => {
      const db = await openDb(':memory:')
      try {
        await seedCheckBooks(db, clock)
        const workflows = make(db)
        const admin = DEMO_CSMS.find((c) => c.role === 'admin')!
        const ids = await db.read((tx) => tx.workflowIds())
        const all = await samplesOf(workflows, { id: admin.id, email: admin.email, role: 'admin' }, ids)
        return all.filter((s) => /^(Sparse|Partial) Account /.test(s.variables.customer.name))
      } finally {
        await db.close()
      }
    })()
    sparse.clear()
    sparse.set(day, samples)
    samples.catch(() => sparse.delete(day))
  }
  return samples
}
