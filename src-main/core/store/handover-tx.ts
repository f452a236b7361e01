/** A handover as stored: work recorded offline that could not land, kept with its workflow. */
export interface HandoverRow {
  id: string
  workflow_id: string
  from_csm_id: string
  why: 'reassigned' | 'superseded' | 'cancelled'
  at: string
  changes_json: string
}

/** Who held a workflow before, what they handed over, and tasks that follow their work. */
export interface HandoverTx {
  recordFormerAssignee(workflowId: string, csmId: string, until: string): Promise<void>
  wasAssignedTo(workflowId: string, csmId: string): Promise<boolean>
  insertHandover(row: HandoverRow): Promise<void>
  /** The handovers of these workflows, oldest first. */
  handoversOf(workflowIds: readonly string[]): Promise<HandoverRow[]>
  /** The account's open workflow other than `exceptId` (a superseded one's successor). */
  openWorkflowOf(customerId: string, exceptId: string): Promise<{ id: string; assigned_to: string } | undefined>
  /** A workflow's open tasks go with it to its new assignee. */
  moveOpenTasksOfWorkflow(workflowId: string, toCsmId: string): Promise<void>
  /** A CSM's open tasks of an account go to its new owner. */
  moveOpenTasksOfCustomer(customerId: string, fromCsmId: string, toCsmId: string): Promise<void>
  /** Every open task of one CSM goes to another (a deactivation with a taker). */
  moveOpenTasks(fromCsmId: string, toCsmId: string): Promise<void>
  /** A desk drops a workflow: its handovers go with it. */
  deleteHandoversOf(workflowId: string): Promise<void>
}
