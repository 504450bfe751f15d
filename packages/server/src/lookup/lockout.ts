import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The lockout policy: how many failures within the window lock a guard, and for how long. */
export const LOCKOUT = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /**
   * Failed lookups of one account, however it was named (its Bill ID or its account number), or
   * naming one identifier that is no account's.
   */
  maxSubjectFailures: 5,
  /** Failed lookups from one client address, whatever they name. */
  maxClientFailures: 20,
} as const;

export interface Guard {
  /** Keyed hash of the identifier. */
  readonly key: string;
  readonly kind: 'subject' | 'client';
}

const limitOf = (guard: Guard) => (guard.kind === 'subject' ? LOCKOUT.maxSubjectFailures : LOCKOUT.maxClientFailures);

/**
 * Takes the guards' rows `for update` (creating them first) and answers which of them are locked,
 * and until when (none: an empty map). Must run inside a transaction: the row locks are what stop
 * two instances from each letting a sixth attempt through, and they are held until it commits.
 * Rows are created and locked in one global order (by key) so two lookups never deadlock.
 */
export async function lockGuards(trx: Kysely<Database>, guards: readonly Guard[], now: Date): Promise<ReadonlyMap<string, Date>> {
  const ordered = [...guards].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let rows: { key_hash: string; locked_until: Date | null }[] = [];
  // The purge deletes idle guards; one it deletes between the insert and the lock is made again.
  for (let attempt = 0; attempt < 3 && rows.length < ordered.length; attempt++) {
    await trx
      .insertInto('lookup_guards')
      .values(ordered.map((guard) => ({ key_hash: guard.key, kind: guard.kind, locked_until: null, updated_at: now })))
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
    rows = await trx
      .selectFrom('lookup_guards')
      .select(['key_hash', 'locked_until'])
      .where(
        'key_hash',
        'in',
        ordered.map((guard) => guard.key),
      )
      .orderBy('key_hash')
      .forUpdate()
      .execute();
  }
  const locked = new Map<string, Date>();
  for (const row of rows) if (row.locked_until && row.locked_until > now) locked.set(row.key_hash, row.locked_until);
  return locked;
}

/**
 * Counts a failed lookup against every guard and locks those that reached their limit within
 * the window. A lock consumes the failures that caused it, so when it ends the identifier starts
 * again from zero. Call only while holding the guards (after `lockGuards`, same transaction).
 */
export async function recordFailure(trx: Kysely<Database>, guards: readonly Guard[], now: Date): Promise<void> {
  const keys = guards.map((guard) => guard.key);
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMs);
  await trx.deleteFrom('lookup_failures').where('key_hash', 'in', keys).where('failed_at', '<=', windowStart).execute();
  await trx
    .insertInto('lookup_failures')
    .values(guards.map((guard) => ({ id: randomUUID(), key_hash: guard.key, failed_at: now })))
    .execute();
  const counts = await trx
    .selectFrom('lookup_failures')
    .select(['key_hash', (eb) => eb.fn.countAll<string | number | bigint>().as('failures')])
    .where('key_hash', 'in', keys)
    .where('failed_at', '>', windowStart)
    .groupBy('key_hash')
    .execute();
  for (const guard of guards) {
    const failures = Number(counts.find((row) => row.key_hash === guard.key)?.failures ?? 0);
    if (failures < limitOf(guard)) continue;
    await trx
      .updateTable('lookup_guards')
      .set({ locked_until: new Date(now.getTime() + LOCKOUT.lockMs), updated_at: now })
      .where('key_hash', '=', guard.key)
      .execute();
    await trx.deleteFrom('lookup_failures').where('key_hash', '=', guard.key).execute();
  }
}

/** A successful lookup forgets the failures counted against what it named. */
export async function clearFailures(trx: Kysely<Database>, guard: Guard, now: Date): Promise<void> {
  await trx.deleteFrom('lookup_failures').where('key_hash', '=', guard.key).execute();
  await trx.updateTable('lookup_guards').set({ locked_until: null, updated_at: now }).where('key_hash', '=', guard.key).execute();
}
