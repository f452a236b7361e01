import type { Migration } from './types'

export const migration014: Migration = {
  version: 14,
  name: 'playbooks',
  sql: `
    -- A playbook: the nine renewal ones (id = their workflow type) and the team's own. Its
    -- published versions live in playbook_versions; an admin's draft waits here until published.
    CREATE TABLE playbooks (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('renewal', 'custom')),
      published_version INTEGER,
      draft_json TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT
    ) STRICT;

    -- Every published version, the body with its templates' sources; never changed once written.
    CREATE TABLE playbook_versions (
      playbook_id TEXT NOT NULL REFERENCES playbooks (id),
      version INTEGER NOT NULL,
      body_json TEXT NOT NULL,
      published_at TEXT NOT NULL,
      published_by TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (playbook_id, version)
    ) STRICT;
    CREATE TRIGGER playbook_versions_never_change BEFORE UPDATE ON playbook_versions
      BEGIN SELECT RAISE(ABORT, 'a published playbook version never changes'); END;
    CREATE TRIGGER playbook_versions_never_go BEFORE DELETE ON playbook_versions
      BEGIN SELECT RAISE(ABORT, 'a published playbook version never changes'); END;

    -- The playbook the planner starts in a stage, where an admin chose another than the stage's own.
    CREATE TABLE stage_playbooks (
      stage TEXT PRIMARY KEY,
      playbook_id TEXT NOT NULL REFERENCES playbooks (id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    -- The version a workflow runs on (1: the files the app shipped with), and what a playbook
    -- started by hand has instead of a renewal date: its due day and the note it was started with.
    ALTER TABLE workflows ADD COLUMN playbook_version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE workflows ADD COLUMN due_date TEXT;
    ALTER TABLE workflows ADD COLUMN note TEXT;
    CREATE INDEX workflows_pending_by_type ON workflows (type) WHERE status = 'pending';

    -- A desk's outbox learns playbooks started offline (SQLite cannot widen a CHECK: the table is rebuilt).
    CREATE TABLE outbox_next (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      workflow_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('start', 'complete-step', 'complete-workflow', 'create-task', 'complete-task',
        'reopen-task', 'snooze', 'resume', 'set-forecast', 'start-playbook')),
      path TEXT NOT NULL,
      body_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
      rejection_json TEXT
    ) STRICT;
    INSERT INTO outbox_next SELECT * FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
  `,
}
