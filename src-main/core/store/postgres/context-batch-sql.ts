import { CONTEXT_BATCH_SQL, bookPageOf, type BookSets, type ContextSets } from '../context-batch-tx'
import { QUEUE_SQL, countsOf, type StatusDay } from '../queue-tx'
import { PgReportsSql } from './reports-sql'

const customersOfBatch = 'IN (SELECT customer_id FROM bw)'
/**
 * Every set as JSON: numbers, text and nulls come back as the rows' own reads give them. `first`
 * names CTEs before the batch's, `list` picks its workflows and `more` adds columns.
 */
const contextSetsSql = (list: string, first = '', more = '') => `WITH ${first}
  bw AS (${CONTEXT_BATCH_SQL.workflows(list)}),
  bc AS (${CONTEXT_BATCH_SQL.customers(customersOfBatch)}),
  bd AS (${CONTEXT_BATCH_SQL.completed(customersOfBatch)}),
  bs AS (SELECT * FROM step_results WHERE workflow_id IN (SELECT id FROM bw UNION SELECT id FROM bd)),
  bt AS (${CONTEXT_BATCH_SQL.openTasks(customersOfBatch)}),
  bh AS (SELECT * FROM handovers WHERE workflow_id IN (SELECT id FROM bw)),
  bf AS (${CONTEXT_BATCH_SQL.forecasts(customersOfBatch)}),
  bu AS (SELECT * FROM csms WHERE id IN (SELECT assigned_to FROM bw UNION SELECT owner_id FROM bc
    UNION SELECT assigned_to FROM bd UNION SELECT from_csm_id FROM bh))
SELECT ${more}
  (SELECT json_agg(bw) FROM bw) AS workflows,
  (SELECT json_agg(bc) FROM bc) AS customers,
  (SELECT json_agg(bd ORDER BY bd.customer_id, bd.completed_at DESC, bd.id) FROM bd) AS completed,
  (SELECT json_agg(bs ORDER BY bs.workflow_id, bs.position) FROM bs) AS steps,
  (SELECT json_agg(bt ORDER BY bt.customer_id, bt.due_date IS NULL, bt.due_date, bt.created_at, bt.id) FROM bt) AS tasks,
  (SELECT json_agg(bh ORDER BY bh.at, bh.id) FROM bh) AS handovers,
  (SELECT json_agg(bf) FROM bf) AS forecasts,
  (SELECT json_agg(bu) FROM bu) AS users`

const CONTEXT_SETS = contextSetsSql('= ANY($1)')
/**
 * One workflow's sets (a desk's pull after an event). PostgreSQL planned the list form anew at
 * every call, its plan for an array of unknown length never looking cheap enough to keep: 2.8 ms
 * of planning for 0.9 ms of work. This form's plan is kept per connection (decision 0023).
 */
const CONTEXT_SETS_OF_ONE = contextSetsSql('= $1')

/**
 * A book page in one statement: the CSM's active ids ($1), the page after $2 of $3 in byte order
 * (JavaScript's for the ids this app makes; `bookSets` checks), its sets, and the counts ($4-$7).
 */
const BOOK_SETS = contextSetsSql(
  'IN (SELECT id FROM page)',
  `active AS (SELECT id FROM workflows WHERE assigned_to = $1 AND status IN ('pending', 'in_progress')),
  page AS (SELECT id FROM active WHERE $2::text IS NULL OR id COLLATE "C" > $2 ORDER BY id COLLATE "C" LIMIT $3),`,
  `(SELECT array_agg(id) FROM active) AS active,
  (SELECT row_to_json(k) FROM (${QUEUE_SQL.counts(QUEUE_SQL.sleeping('$6', '$7', 'false'), { start: '$4', end: '$5', csm: '$1' }, '::int')}) k) AS counts,`,
)

type SetsRow = { [K in keyof ContextSets]: ContextSets[K] | null }

function setsOf(row: SetsRow | undefined): ContextSets {
  const set = <K extends keyof ContextSets>(key: K): ContextSets[K] => row?.[key] ?? ([] as ContextSets[K])
  return {
    workflows: set('workflows'),
    customers: set('customers'),
    completed: set('completed'),
    steps: set('steps'),
    tasks: set('tasks'),
    handovers: set('handovers'),
    forecasts: set('forecasts'),
    users: set('users'),
  }
}

/** PostgreSQL's set-based context reads: a list of ids is one array parameter. */
export abstract class PgContextBatchSql extends PgReportsSql {
  /** The context sets in one statement (one round trip instead of nine), each set aggregated in its read's order. */
  async contextSets(ids: readonly string[]): Promise<ContextSets> {
    const [row] =
      ids.length === 1
        ? await this.prepared<SetsRow>(CONTEXT_SETS_OF_ONE, [ids[0]])
        : await this.prepared<SetsRow>(CONTEXT_SETS, [ids])
    return setsOf(row)
  }

  async bookSets(csmId: string, after: string | null, size: number, day: StatusDay): Promise<BookSets> {
    const [row] = await this.prepared<SetsRow & { active: string[] | null; counts: Parameters<typeof countsOf>[0] }>(
      BOOK_SETS,
      [csmId, after, size, day.start, day.end, day.today, day.wake],
    )
    const { page, next } = bookPageOf(row?.active ?? [], after, size)
    const sets = setsOf(row)
    // Ids whose byte order differs from JavaScript's (outside the Basic Multilingual Plane) picked another page.
    const read = new Set(sets.workflows.map((w) => w.id))
    const same = read.size === page.length && page.every((id) => read.has(id))
    return { page, next, sets: same ? sets : await this.contextSets(page), counts: countsOf(row!.counts) }
  }
}
