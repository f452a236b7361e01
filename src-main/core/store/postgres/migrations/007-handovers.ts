import type { Migration } from '../../migrations/types'

export const pgMigration007: Migration = {
  version: 7,
  name: 'handovers',
  sql: `
    -- Who held a workflow before it was reassigned: they may still hand over what they did offline.
    CREATE TABLE former_assignees (
      workflow_id TEXT NOT NULL REFERENCES workflows (id),
      csm_id TEXT NOT NULL REFERENCES csms (id),
      until TEXT NOT NULL,
      PRIMARY KEY (workflow_id, csm_id)
    );

    -- Work recorded offline that could not land: kept with its workflow, for whoever holds it now.
    CREATE TABLE handovers (
      id TEXT PRIMARY KEY,
      workflow_id TEXT NOT NULL REFERENCES workflows (id),
      from_csm_id TEXT NOT NULL REFERENCES csms (id),
      why TEXT NOT NULL CHECK (why IN ('reassigned', 'superseded', 'cancelled')),
      at TEXT NOT NULL,
      changes_json TEXT NOT NULL
    );
    CREATE INDEX handovers_by_workflow ON handovers (workflow_id, at);
  `,
}
