import type { Person } from '../api/types'
import type { Tx } from '../store/db'
import type { Handover, HandoverChange } from './types'

export async function personOf(tx: Pick<Tx, 'csm'>, id: string): Promise<Person> {
  const csm = await tx.csm(id)
  return { id, name: csm?.name ?? id, email: csm?.email ?? '' }
}

/** The handovers of a workflow, as its context carries them, oldest first. */
export async function handoversOf(tx: Pick<Tx, 'csm' | 'handoversOf'>, workflowId: string): Promise<Handover[]> {
  const rows = await tx.handoversOf([workflowId])
  const out: Handover[] = []
  for (const row of rows) {
    out.push({
      id: row.id,
      from: await personOf(tx, row.from_csm_id),
      why: row.why,
      at: row.at,
      changes: JSON.parse(row.changes_json) as HandoverChange[],
    })
  }
  return out
}
