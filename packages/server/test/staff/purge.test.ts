/**
 * The staff side's short-lived rows are purged when they no longer matter: ended sessions a day
 * later, failed sign-ins past the lockout window, expired passkey challenges, spent enrolment
 * links; staff and what is still in use stay.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addStaff } from '../../src/staff/accounts.js';
import { purgeStaffExpired } from '../../src/staff/purge.js';
import { backends } from '../support/backends.js';
import { openHarness, type Harness } from '../support/harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const backend of backends) {
  describe(`staff purge (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    it('removes ended sessions a day later, old failures, expired challenges and spent links; keeps the rest', async () => {
      const db = h.database.db;
      const now = new Date('2026-11-26T12:00:00.000Z');
      const ago = (ms: number) => new Date(now.getTime() - ms);
      const { staff } = await addStaff(db, { practiceId: 'harbor-point', email: 'purge@harbor.example', role: 'billing', now: ago(30 * 24 * HOUR) });
      const session = (id: string, createdAgo: number, seenAgo: number, revokedAgo: number | null = null) => ({
        id, token_hash: randomUUID(), staff_id: staff.id, practice_id: 'harbor-point', method: 'password',
        created_at: ago(createdAgo), last_seen_at: ago(seenAgo), revoked_at: revokedAgo === null ? null : ago(revokedAgo),
      });
      await db.insertInto('staff_sessions').values([
        session('live', 2 * HOUR, MINUTE),
        session('idle-recently', 30 * HOUR, 24 * HOUR), // idled out 23 h 45 min ago
        session('idle-long-ago', 40 * HOUR, 24 * HOUR + 16 * MINUTE),
        session('absolute-long-ago', 37 * HOUR, MINUTE), // 12 h ran out 25 h ago
        session('signed-out-long-ago', 30 * HOUR, 26 * HOUR, 25 * HOUR),
        session('signed-out-recently', 3 * HOUR, 2 * HOUR, 2 * HOUR),
      ]).execute();
      await db.insertInto('staff_sign_in_failures').values([{ key_hash: 'k', failed_at: ago(16 * MINUTE) }, { key_hash: 'k', failed_at: ago(MINUTE) }]).execute();
      await db.insertInto('staff_challenges').values([
        { id: 'old', purpose: 'authentication', staff_id: null, challenge: 'c1', expires_at: ago(MINUTE) },
        { id: 'open', purpose: 'authentication', staff_id: null, challenge: 'c2', expires_at: new Date(now.getTime() + MINUTE) },
      ]).execute();
      const link = (token_hash: string, expiresAgo: number, usedAgo: number | null) => ({ token_hash, staff_id: staff.id, pending_totp_secret: null, created_at: ago(100 * HOUR), expires_at: ago(expiresAgo), used_at: usedAgo === null ? null : ago(usedAgo) });
      await db.insertInto('staff_enrolments').values([link('expired-long-ago', 25 * HOUR, null), link('used-long-ago', -HOUR, 25 * HOUR), link('open', -HOUR, null)]).execute();

      // The link addStaff made 30 days ago expired long since: it goes with the two above.
      assert.deepEqual(await purgeStaffExpired(db, now), { staffSessions: 3, signInFailures: 1, challenges: 1, enrolments: 3 });
      assert.deepEqual((await db.selectFrom('staff_enrolments').select('token_hash').execute()).map((row) => row.token_hash), ['open']);
      const ids = async (table: 'staff_sessions' | 'staff_challenges') => (await db.selectFrom(table).select('id').execute()).map((row) => row.id).sort();
      assert.deepEqual(await ids('staff_sessions'), ['idle-recently', 'live', 'signed-out-recently']);
      assert.deepEqual(await ids('staff_challenges'), ['open']);
      assert.equal((await db.selectFrom('staff_sign_in_failures').select('failed_at').execute()).length, 1);
      assert.ok(await db.selectFrom('staff').select('id').where('id', '=', staff.id).executeTakeFirst(), 'the member of staff stays');
      assert.deepEqual(await purgeStaffExpired(db, now), { staffSessions: 0, signInFailures: 0, challenges: 0, enrolments: 0 });
    });
  });
}
