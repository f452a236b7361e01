import type { Migration } from './types'

export const migration009: Migration = {
  version: 9,
  name: 'handovers',
  sql: `
    -- Who held a workflow before it was reassigned: they may still hand over what they did offline.
    CREATE TABLE former_assignees (
      workflow_id TEXT NOT NULL REFERENCES workflows (id),
      csm_id TEXT NOT NULL REFERENCES csms (id),
      until TEXT NOT NULL,
      PRIMARY KEY (workflow_id, csm_id)
    ) STRICT;

    -- Work recorded offline that could not land: kept with its workflow, for whoever holds it now.
    CREATE TABLE handovers (
      id TEXT PRIMARY KEY,
      workflow_id TEXT NOT NULL REFERENCES workflows (id),
      from_csm_id TEXT NOT NULL REFERENCES csms (id),
      why TEXT NOT NULL CHECK (why IN ('reassigned', 'superseded', 'cancelled')),
      at TEXT NOT NULL,
      changes_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX handovers_by_workflow ON handovers (workflow_id, at);
  `,
}
