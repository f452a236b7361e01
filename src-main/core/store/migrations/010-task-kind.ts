import type { Migration } from './types'

export const migration010: Migration = {
  version: 10,
  name: 'task-kind',
  sql: `
    -- The kind of next action a task came from (call, email, meeting, ...): the Tasks screen shows it.
    ALTER TABLE tasks ADD COLUMN kind TEXT;
  `,
}
