import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { LOCKOUT } from '../lookup/lockout.js';
import { SESSION_IDLE_MS } from '../accounts/sessions.js';

/** How long an ended session (expired or revoked) is kept before it is deleted. */
export const ENDED_SESSION_RETENTION_MS = 24 * 3_600_000;

export interface PurgeCounts {
  readonly sessions: number;
  readonly lookupFailures: number;
  readonly lookupGuards: number;
}

/**
 * Deletes what only matters for a while and would otherwise pile up forever: sessions that ended
 * (idle past their timeout, or revoked) more than a day ago; failed lookups older than the
 * lockout window (they no longer count towards a lock); and lockout guards that are not locked,
 * have no failure left against them and have not changed within the window (a lookup creates
 * them again when needed). Records are never purged: payments, the ledger, the audit trail and
 * debit authorizations stay. Safe to run on several instances at once.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeCounts> {
  const sessionCutoff = new Date(now.getTime() - SESSION_IDLE_MS - ENDED_SESSION_RETENTION_MS);
  const revokedCutoff = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS);
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', sessionCutoff), eb('revoked_at', '<', revokedCutoff)]))
    .executeTakeFirst();

  const windowStart = new Date(now.getTime() - LOCKOUT.windowMs);
  const failures = await db.deleteFrom('lookup_failures').where('failed_at', '<=', windowStart).executeTakeFirst();

  // A guard a lookup holds right now is skipped (`skip locked`), and one it is about to take is
  // taken again by `lockGuards`, which recreates a guard that vanished under it.
  const guards = await db
    .deleteFrom('lookup_guards')
    .where(
      'key_hash',
      'in',
      db
        .selectFrom('lookup_guards as g')
        .select('g.key_hash')
        .where((eb) => eb.or([eb('g.locked_until', 'is', null), eb('g.locked_until', '<=', now)]))
        .where('g.updated_at', '<', windowStart)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('lookup_failures as f').select(sql`1`.as('one')).whereRef('f.key_hash', '=', 'g.key_hash'))))
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();

  return {
    sessions: Number(sessions.numDeletedRows),
    lookupFailures: Number(failures.numDeletedRows),
    lookupGuards: Number(guards.numDeletedRows),
  };
}
