import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ENDED_SESSION_RETENTION_MS } from '../jobs/purge.js';
import { STAFF_LOCKOUT } from './lockout.js';
import { STAFF_ABSOLUTE_MS, STAFF_IDLE_MS } from './sessions.js';

export interface StaffPurgeCounts {
  readonly staffSessions: number;
  readonly signInFailures: number;
  readonly challenges: number;
  readonly enrolments: number;
}

/**
 * What only matters for a while on the staff side: sessions that ended (idle, past 12 hours, or
 * signed out) more than a day ago; failed sign-ins past the lockout window (they no longer count);
 * passkey challenges past their expiry; enrolment links a day after they expired or were used.
 * Staff themselves, their passkeys and the audit trail stay. Safe on several instances at once.
 */
export async function purgeStaffExpired(db: Kysely<Database>, now: Date): Promise<StaffPurgeCounts> {
  const at = now.getTime();
  const ended = (ms: number) => new Date(at - ms - ENDED_SESSION_RETENTION_MS);
  const sessions = await db
    .deleteFrom('staff_sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', ended(STAFF_IDLE_MS)), eb('created_at', '<', ended(STAFF_ABSOLUTE_MS)), eb('revoked_at', '<', ended(0))]))
    .executeTakeFirst();
  const failures = await db.deleteFrom('staff_sign_in_failures').where('failed_at', '<=', new Date(at - STAFF_LOCKOUT.windowMs)).executeTakeFirst();
  const challenges = await db.deleteFrom('staff_challenges').where('expires_at', '<', now).executeTakeFirst();
  const enrolments = await db
    .deleteFrom('staff_enrolments')
    .where((eb) => eb.or([eb('expires_at', '<', ended(0)), eb('used_at', '<', ended(0))]))
    .executeTakeFirst();
  return {
    staffSessions: Number(sessions.numDeletedRows),
    signInFailures: Number(failures.numDeletedRows),
    challenges: Number(challenges.numDeletedRows),
    enrolments: Number(enrolments.numDeletedRows),
  };
}
