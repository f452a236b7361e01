import type { Migration } from '../../migrations/types'
import { pgMigration001 } from './001-initial'
import { pgMigration002 } from './002-changes'
import { pgMigration003 } from './003-follow-through'
import { pgMigration004 } from './004-book-of-business'
import { pgMigration005 } from './005-team'
import { pgMigration006 } from './006-sign-in'
import { pgMigration007 } from './007-handovers'
import { pgMigration008 } from './008-task-kind'
import { pgMigration009 } from './009-renewal-forecasts'
import { pgMigration010 } from './010-single-sign-on'
import { pgMigration011 } from './011-health-scores'
import { pgMigration012 } from './012-playbooks'

/** PostgreSQL's migrations, in order; a new one goes in its own file and at the end of this list. */
export const PG_MIGRATIONS: readonly Migration[] = [
  pgMigration001,
  pgMigration002,
  pgMigration003,
  pgMigration004,
  pgMigration005,
  pgMigration006,
  pgMigration007,
  pgMigration008,
  pgMigration009,
  pgMigration010,
  pgMigration011,
  pgMigration012,
]
