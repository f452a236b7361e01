import type { Migration } from '../../migrations/types'

export const pgMigration008: Migration = {
  version: 8,
  name: 'task-kind',
  sql: `
    -- The kind of next action a task came from (call, email, meeting, ...): the Tasks screen shows it.
    ALTER TABLE tasks ADD COLUMN kind TEXT;
  `,
}
