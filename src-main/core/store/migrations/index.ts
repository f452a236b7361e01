import { migration001 } from './001-initial'
import { migration002 } from './002-sync'
import { migration003 } from './003-idempotency-body'
import { migration004 } from './004-changes'
import { migration005 } from './005-follow-through'
import { migration006 } from './006-book-of-business'
import { migration007 } from './007-team'
import { migration008 } from './008-sign-in'
import { migration009 } from './009-handovers'
import { migration010 } from './010-task-kind'
import { migration011 } from './011-renewal-forecasts'
import { migration012 } from './012-single-sign-on'
import { migration013 } from './013-health-scores'
import { migration014 } from './014-playbooks'
import type { Migration } from './types'

/** Every migration, in order. A new one goes in its own file and at the end of this list. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
]
