import acmeContext from '../../../resources/mock/context.json'
import { addDays, daysBetween, isoDay, type Clock } from '../clock'
import { definitionOf } from '../domain/definitions'
import type { AccountPlan } from '../domain/priority'
import { stageInfoFor } from '../domain/stages'
import type { Db, Tx } from '../store/db'
import type { CsmRow, CustomerRow, WorkflowRow, WorkflowStatus } from '../store/rows'
import { hashPassword } from '../auth/passwords'
import { makeCustomer } from './customers'
import { between, pick, seededRandom } from './random'

/**
 * The day the contract's example describes: on it, every demo value equals the contract's
 * (Acme renews 2025-12-31, three days later). On any other day every date moves with the clock.
 */
export const CONTRACT_DAY = '2025-12-28'

export const DEMO_CSMS: readonly CsmRow[] = [
  { id: 'csm-456', name: 'Sarah Johnson', email: 'sarah@company.com', experience: 'senior', role: 'csm' },
  { id: 'csm-101', name: 'Marcus Chen', email: 'marcus@company.com', experience: 'expert', role: 'csm' },
  { id: 'csm-202', name: 'Priya Patel', email: 'priya@company.com', experience: 'mid', role: 'csm' },
  { id: 'csm-303', name: 'Tom Becker', email: 'tom@company.com', experience: 'junior', role: 'csm' },
  { id: 'admin-1', name: 'Alex Morgan', email: 'alex@company.com', experience: 'expert', role: 'admin' },
]

const COMPANIES = [
  'Northwind Logistics',
  'Brightline Health',
  'Lumen Analytics',
  'Cobalt Retail',
  'Harbor Freight Co',
  'Globex Systems',
  'Initech Software',
  'Vandelay Industries',
  'Pied Piper',
  'Hooli Cloud',
  'Soylent Foods',
  'Cyberdyne Robotics',
  'Aperture Labs',
  'Wonka Confections',
  'Tyrell Biotech',
  'Massive Dynamic',
  'Oscorp Materials',
  'Monarch Travel',
  'Blue Sun Energy',
  'Dunder Paper',
  'Stark Aerospace',
  'Wayne Logistics',
  'Umbrella Pharma',
  'Nakatomi Trading',
  'Gekko Capital',
  'Sterling Cooper',
  'Bluth Homes',
  'Prestige Worldwide',
  'Kramerica Labs',
  'Sirius Cybernetics',
  'Octan Fuels',
  'Virtucon Media',
  'Acme Rockets',
  'Zorg Industries',
  'Tessier Ashpool',
  'Weyland Mining',
  'Cheers Hospitality',
  'Los Pollos Foods',
  'Paper Street Soap',
  'Ollivander Crafts',
  'Krusty Restaurants',
  'Rekall Memory',
  'Spacely Sprockets',
  'Cogswell Cogs',
  'Mooby Foods',
  'Duff Beverages',
  'Ghostbusters Services',
  'Dharma Research',
  'Buy n Large',
  'InGen Parks',
  'Planet Express',
  'Oceanic Airlines',
  'Wernham Hogg',
  'Pawnee Parks',
  'Bushwood Clubs',
  'Chotchkies Diners',
  'Big Kahuna Burgers',
  'Frobozz Magic',
  'Vault-Tec',
  'Black Mesa Labs',
  'Mom Corp',
  'Nuka Beverages',
  'Yoyodyne Propulsion',
  'Callahan Auto',
  'Sabre Printers',
]

/** Days until renewal for generated workflows: every stage, every boundary region. */
const SPREAD = [-12, -2, 0, 5, 7, 12, 14, 25, 30, 50, 60, 80, 90, 110, 120, 160, 180, 240, 300, 45]
const ARRS = [48_000, 75_000, 99_000, 100_000, 125_000, 150_000, 210_000, 320_000, 640_000]
const PLANS: (AccountPlan | null)[] = ['invest', 'expand', 'manage', 'monitor', null]

type Book = { customers: CustomerRow[]; workflows: WorkflowRow[]; steps: StepSeed[] }
type StepSeed = { workflowId: string; count: number; at: string; by: string }

function domainOf(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com`
}

/** Moves every YYYY-MM-DD date (and date-time) in a JSON value by `shift` days. */
function shiftDates<T>(value: T, shift: number): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    if (typeof v !== 'string') return v
    const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(v)
    return match ? addDays(match[1]!, shift) + (match[2] ?? '') : v
  })
}

function workflow(
  id: string,
  customer: CustomerRow,
  csmId: string,
  status: WorkflowStatus,
  today: string,
  times: { assignedAt: string; startedAt?: string; completedAt?: string },
): WorkflowRow {
  const completed = status === 'completed'
  return {
    id,
    customer_id: customer.id,
    type: stageInfoFor(daysBetween(today, customer.renewal_date)).workflowType,
    assigned_to: csmId,
    status,
    assigned_at: times.assignedAt,
    started_at: times.startedAt ?? null,
    completed_at: completed ? times.completedAt! : null,
    completed_by: completed ? DEMO_CSMS.find((c) => c.id === csmId)!.email : null,
    total_duration: completed ? 3600 : null,
    outcome_json: completed
      ? JSON.stringify({ status: 'success', confidence: 'high', notes: 'Renewal signed.' })
      : null,
    snoozed_until: null,
    snooze_reason: null,
    renewal_date: customer.renewal_date,
    closed_at: null,
  }
}

function sarahsBook(today: string, shift: number): Book {
  const random = seededRandom(456)
  const at = (day: string, time: string) => `${day}T${time}:00.000Z`
  const acme: CustomerRow = {
    id: 'cust-123',
    name: 'Acme Corporation',
    domain: 'acme.com',
    arr: 500_000,
    renewal_date: addDays(today, 3),
    contract_start: '2024-01-01',
    account_plan: 'invest',
    owner_id: 'csm-456',
    risk_score: acmeContext.intelligence.riskScore,
    health_score: acmeContext.intelligence.healthScore,
    sentiment: acmeContext.intelligence.sentiment,
    ai_summary: acmeContext.intelligence.aiSummary,
    insights_json: JSON.stringify(acmeContext.intelligence.insights),
    recommendations_json: JSON.stringify(acmeContext.intelligence.recommendations),
    data_json: JSON.stringify(shiftDates(acmeContext.data, shift)),
    external_id: 'cust-123',
    status: 'active',
  }
  const seed = (id: string, name: string, arr: number, plan: AccountPlan | null, days: number) =>
    makeCustomer(random, {
      id,
      name,
      domain: domainOf(name),
      arr,
      plan,
      ownerId: 'csm-456',
      renewalDate: addDays(today, days),
      today,
    })
  const techco = { ...seed('cust-456', 'TechCo Inc', 180_000, 'expand', 10), domain: 'techco.com' }
  const brightline = seed('cust-2001', 'Brightline Health', 120_000, 'manage', 40)
  const northwind = seed('cust-2002', 'Northwind Logistics', 240_000, 'invest', 95)
  const lumen = seed('cust-2003', 'Lumen Analytics', 60_000, 'monitor', -4)
  const cobalt = seed('cust-2004', 'Cobalt Retail', 90_000, 'manage', 200)
  const harbor = seed('cust-2005', 'Harbor Freight Co', 130_000, 'expand', 20)
  const yesterday = addDays(today, -1)
  const assigned = (days: number) => at(addDays(today, -days), '09:00')
  return {
    customers: [acme, techco, brightline, northwind, lumen, cobalt, harbor],
    workflows: [
      workflow('wf-12345', acme, 'csm-456', 'pending', today, {
        assignedAt: shiftDates('2025-10-07T10:00:00Z', shift),
      }),
      workflow('wf-67890', techco, 'csm-456', 'pending', today, { assignedAt: assigned(4) }),
      workflow('wf-20001', brightline, 'csm-456', 'in_progress', today, {
        assignedAt: assigned(6),
        startedAt: at(yesterday, '15:00'),
      }),
      workflow('wf-20002', northwind, 'csm-456', 'in_progress', today, {
        assignedAt: assigned(9),
        startedAt: at(yesterday, '10:30'),
      }),
      workflow('wf-20003', lumen, 'csm-456', 'pending', today, { assignedAt: assigned(20) }),
      workflow('wf-20004', cobalt, 'csm-456', 'pending', today, { assignedAt: assigned(2) }),
      workflow('wf-20005', harbor, 'csm-456', 'completed', today, {
        assignedAt: assigned(5),
        startedAt: at(today, '08:15'),
        completedAt: at(today, '09:30'),
      }),
      // Acme's last renewal stage, worked by Marcus before the account came to Sarah.
      {
        ...workflow('wf-11001', acme, 'csm-101', 'completed', today, {
          assignedAt: assigned(75),
          startedAt: at(addDays(today, -70), '10:00'),
          completedAt: at(addDays(today, -68), '16:00'),
        }),
        type: 'negotiate-renewal',
        completed_by: 'marcus@company.com',
        outcome_json: JSON.stringify({
          status: 'partial',
          confidence: 'medium',
          notes: 'Pricing agreed in principle; procurement wants a 2-year term. Handing over to Sarah.',
        }),
      },
    ],
    steps: [
      { workflowId: 'wf-20001', count: 1, at: at(yesterday, '15:20'), by: 'sarah@company.com' },
      { workflowId: 'wf-20002', count: 2, at: at(yesterday, '11:00'), by: 'sarah@company.com' },
      { workflowId: 'wf-20005', count: 99, at: at(today, '09:00'), by: 'sarah@company.com' },
      { workflowId: 'wf-11001', count: 99, at: at(addDays(today, -68), '15:00'), by: 'marcus@company.com' },
    ],
  }
}

function teamBook(today: string): Book {
  const random = seededRandom(2025)
  const book: Book = { customers: [], workflows: [], steps: [] }
  const team = DEMO_CSMS.filter((c) => c.role === 'csm' && c.id !== 'csm-456')
  let company = 5
  team.forEach((csm, t) => {
    SPREAD.forEach((days, i) => {
      const n = t * SPREAD.length + i
      const name = COMPANIES[company++ % COMPANIES.length]!
      const customer = makeCustomer(random, {
        id: `cust-${3000 + n}`,
        name,
        domain: domainOf(name),
        arr: pick(random, ARRS),
        plan: pick(random, PLANS),
        ownerId: csm.id,
        renewalDate: addDays(today, days),
        today,
      })
      const status: WorkflowStatus = i % 5 === 1 ? 'in_progress' : i % 9 === 4 ? 'completed' : 'pending'
      const assignedAt = `${addDays(today, -between(random, 1, 30))}T09:00:00.000Z`
      const startedAt = status === 'pending' ? undefined : `${addDays(today, -between(random, 1, 3))}T10:00:00.000Z`
      const completedAt = status === 'completed' ? `${addDays(today, -between(random, 1, 4))}T16:00:00.000Z` : undefined
      const id = `wf-${30000 + n}`
      book.customers.push(customer)
      book.workflows.push(workflow(id, customer, csm.id, status, today, { assignedAt, startedAt, completedAt }))
      if (status !== 'pending')
        book.steps.push({
          workflowId: id,
          count: status === 'completed' ? 99 : 1 + (i % 2),
          at: startedAt!,
          by: csm.email,
        })
    })
  })
  return book
}

async function insertBook(tx: Tx, book: Book): Promise<void> {
  for (const customer of book.customers) await tx.insertCustomer(customer)
  for (const wf of book.workflows) await tx.insertWorkflow(wf)
  for (const seed of book.steps) {
    const wf = book.workflows.find((w) => w.id === seed.workflowId)!
    for (const [position, step] of definitionOf(wf.type).steps.slice(0, seed.count).entries()) {
      await tx.insertStepResult({
        workflow_id: wf.id,
        position,
        step_id: step.id,
        status: 'completed',
        completed_at: seed.at,
        duration: step.estimatedMinutes * 60,
        outputs_json: JSON.stringify({
          decision: step.outputs.decision.options[0]!.value,
          notes: `${step.name}: done, nothing unusual.`,
        }),
        completed_by: seed.by,
        reason: null,
      })
    }
  }
}

/** Every demo user signs in with this password (the README and `serve --demo` say so). */
export const DEMO_PASSWORD = 'csm-desk-demo'

let demoHashes: Promise<Map<string, string>> | null = null

/** Each demo user's hash (a salt of their own), made once a process: scrypt is slow on purpose. */
function demoPasswordHashes(): Promise<Map<string, string>> {
  demoHashes ??= Promise.all(DEMO_CSMS.map(async (c) => [c.id, await hashPassword(DEMO_PASSWORD)] as const)).then(
    (pairs) => new Map(pairs),
  )
  return demoHashes
}

/**
 * Fills an empty database with the demo book of business and leaves one that has data as it
 * is. Returns whether it wrote anything.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<boolean> {
  // Every later start finds data: it skips the passwords' scrypt work (a quarter second) too.
  if (!(await db.read((tx) => tx.isEmpty()))) return false
  const hashes = await demoPasswordHashes()
  return db.write(async (tx) => {
    await tx.lock('demo-seed')
    if (!(await tx.isEmpty())) return false
    const today = isoDay(clock.now())
    const shift = daysBetween(CONTRACT_DAY, today)
    for (const csm of DEMO_CSMS) {
      if (!(await tx.csm(csm.id))) await tx.insertCsm(csm)
      await tx.setCredential({
        user_id: csm.id,
        password_hash: hashes.get(csm.id)!,
        tokens_valid_after: 0,
        must_change: 0,
      })
    }
    await insertBook(tx, sarahsBook(today, shift))
    await insertBook(tx, teamBook(today))
    return true
  })
}
