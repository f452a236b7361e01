import type { Migration } from '../../migrations/types'
import { pgMigration001 } from './001-initial'
import { pgMigration002 } from './002-changes'

/** PostgreSQL's migrations, in order; a new one goes in its own file and at the end of this list. */
export const PG_MIGRATIONS: readonly Migration[] = [pgMigration001, pgMigration002]
