import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addressKey, keyedHash } from '../security/secret.js';

/**
 * Failed sign-ins, counted over a sliding 15 minutes: 5 for one account (its practice and email,
 * whether or not such staff exist, so the answer tells nothing), 20 from one address (an IPv6
 * /64). While a count is at its limit, password sign-in is refused without checking anything; the
 * lock lifts by itself as the failures age. A passkey sign-in is never held by the account's count
 * (a passkey cannot be guessed), so whoever tries passwords against a member of staff cannot lock
 * them out: they still sign in with their passkey, and their password works again 15 minutes after
 * the attempts stop.
 */
export const STAFF_LOCKOUT = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

export interface SignInGuards {
  readonly account?: string | undefined;
  readonly address: string;
}

export function signInGuards(secret: string, address: string, account?: { practiceId: string; email: string }): SignInGuards {
  return {
    account: account && keyedHash(secret, 'staff_sign_in', `${account.practiceId}\u0000${account.email}`),
    address: keyedHash(secret, 'staff_sign_in_address', addressKey(secret, address)),
  };
}

/**
 * When the sign-in may be tried again (seconds from now), or `undefined` when it is not locked.
 * `counted`: how many of the rows are this attempt's own (see `beginSignInAttempt`).
 */
export async function lockedFor(db: Kysely<Database>, guards: SignInGuards, now: Date, counted = 0): Promise<number | undefined> {
  const since = new Date(now.getTime() - STAFF_LOCKOUT.windowMs);
  const checks: [string, number][] = [[guards.address, STAFF_LOCKOUT.perAddress + counted]];
  if (guards.account) checks.push([guards.account, STAFF_LOCKOUT.perAccount + counted]);
  let wait: number | undefined;
  for (const [key, limit] of checks) {
    const rows = await db.selectFrom('staff_sign_in_failures').select('failed_at').where('key_hash', '=', key).where('failed_at', '>', since).orderBy('failed_at', 'desc').limit(limit).execute();
    if (rows.length < limit) continue;
    // Open again when the oldest of the last `limit` failures leaves the window.
    const oldest = new Date(rows[rows.length - 1]!.failed_at).getTime();
    const seconds = Math.max(1, Math.ceil((oldest + STAFF_LOCKOUT.windowMs - now.getTime()) / 1000));
    wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}

export async function recordSignInFailure(db: Kysely<Database>, guards: SignInGuards, now: Date): Promise<void> {
  await db.insertInto('staff_sign_in_failures').values(keysOf(guards).map((key_hash) => ({ key_hash, failed_at: now }))).execute();
}

const keysOf = (guards: SignInGuards) => [guards.address, ...(guards.account ? [guards.account] : [])];

/** Takes back one row per key of an attempt (rows of one key and time are alike: any one will do). */
async function forgetAttempt(db: Kysely<Database>, guards: SignInGuards, now: Date): Promise<void> {
  for (const key of keysOf(guards)) {
    await sql`delete from staff_sign_in_failures where ctid = (select ctid from staff_sign_in_failures where key_hash = ${key} and failed_at = ${now} limit 1)`.execute(db);
  }
}

export type SignInAttempt =
  | { readonly locked: number }
  | { readonly locked?: undefined; readonly succeeded: () => Promise<void> };

/**
 * Counts a password sign-in as a failure before anything is checked, then looks at the count: so
 * a burst of concurrent attempts cannot all pass the check before any failure is written (at most
 * the limit are ever in flight or failed). A locked attempt takes its row back at once; a failed
 * one leaves it as its failure; one that succeeds calls `succeeded`, which takes it back and
 * clears the account's count.
 */
export async function beginSignInAttempt(db: Kysely<Database>, guards: SignInGuards, now: Date): Promise<SignInAttempt> {
  await recordSignInFailure(db, guards, now);
  const locked = await lockedFor(db, guards, now, 1);
  if (locked !== undefined) {
    await forgetAttempt(db, guards, now);
    return { locked };
  }
  return {
    succeeded: async () => {
      await forgetAttempt(db, guards, now);
      await clearAccountFailures(db, guards);
    },
  };
}

/** A successful sign-in clears the account's count (not the address's). */
export async function clearAccountFailures(db: Kysely<Database>, guards: SignInGuards): Promise<void> {
  if (guards.account) await db.deleteFrom('staff_sign_in_failures').where('key_hash', '=', guards.account).execute();
}
