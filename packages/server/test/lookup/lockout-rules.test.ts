/**
 * The lockout rules on their own, against an empty migrated PGlite in memory: the exact counts,
 * windows and lock lengths at their boundaries. (lockout.test.ts proves the same policy through
 * the API on every database; this file is fast enough for mutation testing: see stryker.config.mjs.)
 */
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { clearFailures, lockGuards, LOCKOUT, recordFailure, type Guard } from '../../src/lookup/lockout.js';
import { after, before, beforeEach, describe, it } from '../support/bdd.js';
import { emptyPgliteDataDir } from '../support/pglite-template.js';

const T0 = new Date('2026-11-22T15:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe('lockout rules (PGlite in memory)', () => {
  let database: BillPayDatabase;
  let db: Kysely<Database>;
  let n = 0;
  let subject: Guard;
  let client: Guard;

  before(async () => {
    database = await openDatabase({ initialDataDir: await emptyPgliteDataDir() });
    db = database.db;
  });
  after(async () => {
    await database.close();
  });
  beforeEach(() => {
    // Fresh identifiers for every test: no test sees another's failures.
    n++;
    subject = { key: `subject-${n}`, kind: 'subject' };
    client = { key: `client-${n}`, kind: 'client' };
  });

  /** The lock that ends last among those `lockGuards` answered, or `null`. */
  const latest = (locks: ReadonlyMap<string, Date>) => (locks.size ? new Date(Math.max(...[...locks.values()].map((until) => until.getTime()))) : null);
  /** One failed lookup naming `guards` at `now`, as the lookup service records it; answers the lock in force before it. */
  const fail = (guards: readonly Guard[], now: Date) =>
    db.transaction().execute(async (trx) => {
      const until = latest(await lockGuards(trx, guards, now));
      if (until === null) await recordFailure(trx, guards, now);
      return until;
    });
  const lockedUntil = (guards: readonly Guard[], now: Date) => db.transaction().execute(async (trx) => latest(await lockGuards(trx, guards, now)));
  const failures = async (guard: Guard) =>
    (await db.selectFrom('lookup_failures').select('failed_at').where('key_hash', '=', guard.key).execute()).length;

  it('locks a Bill ID or account number at its 5th failure within the window, for 15 minutes from that failure', async () => {
    assert.deepEqual([LOCKOUT.maxSubjectFailures, LOCKOUT.windowMs, LOCKOUT.lockMs], [5, 15 * MINUTE, 15 * MINUTE]);
    for (let i = 0; i < 4; i++) assert.equal(await fail([subject], at(i * MINUTE)), null);
    assert.equal(await lockedUntil([subject], at(4 * MINUTE)), null, 'four failures do not lock');
    assert.equal(await failures(subject), 4);
    assert.equal(await fail([subject], at(4 * MINUTE)), null);
    assert.deepEqual(await lockedUntil([subject], at(4 * MINUTE)), at(19 * MINUTE));
    assert.deepEqual(await lockedUntil([subject], at(19 * MINUTE - 1)), at(19 * MINUTE));
    assert.equal(await lockedUntil([subject], at(19 * MINUTE)), null, 'free again the moment the lock ends');
    // The lock used up its failures: once it ends, the count starts again from zero.
    assert.equal(await failures(subject), 0);
    for (let i = 0; i < 4; i++) assert.equal(await fail([subject], at(20 * MINUTE)), null);
    assert.equal(await lockedUntil([subject], at(20 * MINUTE)), null);
  });

  it('locks a client address at its 20th failure, whatever each one named', async () => {
    assert.equal(LOCKOUT.maxClientFailures, 20);
    for (let i = 0; i < 19; i++) await fail([{ key: `named-${n}-${i}`, kind: 'subject' }, client], at(i * 1_000));
    assert.equal(await lockedUntil([client], at(19_000)), null, '19 failures do not lock');
    await fail([{ key: `named-${n}-19`, kind: 'subject' }, client], at(19_000));
    assert.deepEqual(await lockedUntil([client], at(19_000)), at(19_000 + 15 * MINUTE));
    // Each name was tried once: none of them is locked, not even the one named with the 20th.
    for (const i of [0, 19]) assert.equal(await lockedUntil([{ key: `named-${n}-${i}`, kind: 'subject' }], at(19_000)), null);
  });

  it('counts only failures younger than the window: one exactly 15 minutes old no longer counts', async () => {
    await fail([subject], at(0));
    for (let i = 0; i < 3; i++) await fail([subject], at(MINUTE));
    // At 15:00 after the first, it has left the window: this is the 4th failure that counts, not the 5th.
    await fail([subject], at(15 * MINUTE));
    assert.equal(await lockedUntil([subject], at(15 * MINUTE)), null);
    assert.equal(await failures(subject), 4);
    // One more within the window of the other four locks it.
    await fail([subject], at(15 * MINUTE + 1));
    assert.deepEqual(await lockedUntil([subject], at(15 * MINUTE + 1)), at(30 * MINUTE + 1));
  });

  it('answers each guard locked, and only a lock still in force', async () => {
    // Guards are read in key order: make the first key's lock end first, then the other way round.
    const [a, b] = [`a-${n}`, `b-${n}`].map((key): Guard => ({ key, kind: 'subject' })) as [Guard, Guard];
    for (const [first, second] of [[a, b], [b, a]] as const) {
      const start = first === a ? 0 : 60 * MINUTE;
      for (let i = 0; i < 5; i++) await fail([first], at(start));
      for (let i = 0; i < 5; i++) await fail([second], at(start + 2 * MINUTE));
      for (const now of [start + 3 * MINUTE, start + 16 * MINUTE]) {
        assert.deepEqual(await lockedUntil([a, b], at(now)), at(start + 17 * MINUTE));
        assert.deepEqual(await lockedUntil([b, a], at(now)), at(start + 17 * MINUTE));
      }
      assert.equal(await lockedUntil([a, b], at(start + 17 * MINUTE)), null);
    }
  });

  it('says which of the guards named is locked (a locked bill is not a locked address)', async () => {
    for (let i = 0; i < 5; i++) await fail([subject], at(0));
    const locks = await db.transaction().execute((trx) => lockGuards(trx, [client, subject], at(MINUTE)));
    assert.deepEqual([...locks.keys()], [subject.key]);
    assert.deepEqual(locks.get(subject.key), at(15 * MINUTE));
  });

  it('a found bill forgets its failures and its lock, and no other identifier’s', async () => {
    const other: Guard = { key: `other-${n}`, kind: 'subject' };
    for (let i = 0; i < 4; i++) await fail([subject, client], at(0));
    await fail([other], at(0));
    await db.transaction().execute((trx) => clearFailures(trx, subject, at(MINUTE)));
    assert.deepEqual([await failures(subject), await failures(client), await failures(other)], [0, 4, 1]);
    for (let i = 0; i < 5; i++) await fail([subject], at(2 * MINUTE));
    assert.ok(await lockedUntil([subject], at(2 * MINUTE)));
    await db.transaction().execute((trx) => clearFailures(trx, subject, at(3 * MINUTE)));
    assert.equal(await lockedUntil([subject], at(3 * MINUTE)), null);
  });
});
