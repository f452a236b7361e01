import type { Migration } from '../../migrations/types'

export const pgMigration012: Migration = {
  version: 12,
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
    );

    -- Every published version, the body with its templates' sources; never changed once written.
    CREATE TABLE playbook_versions (
      playbook_id TEXT NOT NULL REFERENCES playbooks (id),
      version INTEGER NOT NULL,
      body_json TEXT NOT NULL,
      published_at TEXT NOT NULL,
      published_by TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (playbook_id, version)
    );
    CREATE FUNCTION playbook_versions_never_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a published playbook version never changes'; END $$;
    CREATE TRIGGER playbook_versions_never_change BEFORE UPDATE OR DELETE ON playbook_versions
      FOR EACH ROW EXECUTE FUNCTION playbook_versions_never_change();

    -- The playbook the planner starts in a stage, where an admin chose another than the stage's own.
    CREATE TABLE stage_playbooks (
      stage TEXT PRIMARY KEY,
      playbook_id TEXT NOT NULL REFERENCES playbooks (id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );

    -- The version a workflow runs on (1: the files the app shipped with), and what a playbook
    -- started by hand has instead of a renewal date: its due day and the note it was started with.
    ALTER TABLE workflows ADD COLUMN playbook_version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE workflows ADD COLUMN due_date TEXT;
    ALTER TABLE workflows ADD COLUMN note TEXT;
    CREATE INDEX workflows_pending_by_type ON workflows (type) WHERE status = 'pending';
  `,
}
