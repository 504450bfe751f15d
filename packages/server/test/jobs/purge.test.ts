/**
 * What only matters for a while is purged; records are not. Practice side: sessions that ended a
 * day ago, lookup failures past the lockout window, idle unlocked guards. Processor side: stored
 * Idempotency-Key answers older than a day, without ever making a retry charge twice.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { silentLogger } from '../../src/log.js';
import { ProcessorUnavailableError, type ProcessorGateway } from '../../src/processor/port.js';
import { startPaymentJobs } from '../../src/payments/jobs.js';
import { startSettlementTimer } from '../../src/processor/sandbox/app.js';
import { purgeIdempotencyKeys } from '../../src/processor/sandbox/charges.js';
import { purgeExpired } from '../../src/jobs/purge.js';
import { tokenHash } from '../../src/security/secret.js';
import { backends } from '../support/backends.js';
import { demo, openHarness, practices, problem, SECRET, type Harness } from '../support/harness.js';
import { CARDS, openProcessorHarness, type ChargeBody, type ProcessorHarness } from '../support/processor.js';

const HOUR = 60;
const count = async (h: Harness, table: 'sessions' | 'lookup_failures' | 'lookup_guards' | 'audit_events' | 'ledger_entries' | 'payments') =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.database.db)).rows[0]!.n);

for (const backend of backends) {
  describe(`purge (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    const wrong = (name: 'Okafor' | 'Chen', day: number, address: string) =>
      h.lookup({ practice: 'harbor-point', billId: demo(name).billId, dateOfBirth: `1971-11-${String(day).padStart(2, '0')}` }, { address });
    const addSession = (lastSeen: Date, revokedAt: Date | null = null) =>
      h.database.db
        .insertInto('sessions')
        .values({ id: randomUUID(), token_hash: tokenHash(randomUUID()), account_id: 'acct_demo1', practice_id: 'harbor-point', created_at: lastSeen, last_seen_at: lastSeen, revoked_at: revokedAt })
        .returning('id')
        .executeTakeFirstOrThrow();

    it('purges ended sessions after a day, old failures and idle guards, and never a record', async () => {
      const t0 = h.clock.current.getTime();
      const ended = await h.open('Rivera', { address: '192.0.2.10' });
      const revoked = await h.open('Rivera', { address: '192.0.2.10' });
      assert.equal((await h.request('/v1/session', revoked, { method: 'DELETE' })).status, 204);
      for (let day = 1; day <= 3; day++) problem(await wrong('Okafor', day, '192.0.2.20'), 401, 'lookup_failed');
      for (let day = 1; day <= 5; day++) problem(await wrong('Chen', day, '192.0.2.30'), 401, 'lookup_failed');
      problem(await h.lookup({ practice: 'harbor-point', billId: demo('Chen').billId, dateOfBirth: demo('Chen').dateOfBirth }, { address: '192.0.2.31' }), 429, 'locked_out');
      // A record with an authorization, as a bank debit leaves one.
      await h.database.db
        .insertInto('payments')
        .values({
          id: 'pay_purgekept', practice_id: 'harbor-point', account_id: 'acct_demo1', idempotency_key: 'purge-kept-0000001', request_hash: 'x', confirmation_number: 'KEPT-0001',
          status: 'settled', amount_cents: 100, statement_id: null, token: 'tok_kept', charge_id: 'ch_kept', method_kind: 'bank', brand: null, last4: '6789', wallet: null,
          decline_code: null, return_code: null, remaining_balance_cents: 0, authorization_text: 'I authorize this debit.', authorization_accepted_at: new Date(t0).toISOString(),
          authorization_ip_address: '192.0.2.10', authorization_user_agent: 'Test', created_at: new Date(t0), updated_at: new Date(t0),
        })
        .execute();
      const records = { audit: await count(h, 'audit_events'), ledger: await count(h, 'ledger_entries'), payments: await count(h, 'payments') };
      assert.ok((await count(h, 'lookup_failures')) >= 6);

      // Within the window nothing goes: the failures still count, the lock still holds.
      h.clock.advance(10);
      assert.deepEqual(await purgeExpired(h.database.db, h.clock.current), { sessions: 0, lookupFailures: 0, lookupGuards: 0 });
      problem(await wrong('Okafor', 4, '192.0.2.21'), 401, 'lookup_failed');

      // Past the window: the old failures and every idle, unlocked guard without failures go.
      h.clock.advance(10);
      const guardsBefore = await count(h, 'lookup_guards');
      const second = await purgeExpired(h.database.db, h.clock.current);
      assert.equal(second.sessions, 0);
      assert.ok(second.lookupFailures >= 6, JSON.stringify(second));
      // Okafor's guard keeps its fresh failure (t0+10), and so does 192.0.2.21's; the rest go.
      assert.equal(second.lookupGuards, guardsBefore - 2, JSON.stringify(second));
      assert.equal(await count(h, 'lookup_guards'), 2);
      // Guards come back when needed: the lockout works as before.
      for (let day = 5; day <= 8; day++) problem(await wrong('Okafor', day, '192.0.2.22'), 401, 'lookup_failed');
      problem(await h.lookup({ practice: 'harbor-point', billId: demo('Okafor').billId, dateOfBirth: demo('Okafor').dateOfBirth }, { address: '192.0.2.22' }), 429, 'locked_out');
      const novak = await h.open('Novak', { address: '192.0.2.40' });

      // A day after they ended, sessions go; one still in use, or ended less than a day ago, stays.
      h.clock.advance(24 * HOUR);
      const live = await h.open('Haddad', { address: '192.0.2.50' });
      const now = h.clock.current.getTime();
      const recent = await addSession(new Date(now - 24 * HOUR * 60_000)); // idle 24 h: ended 23 h 45 min ago
      const old = await addSession(new Date(now - (24 * HOUR + 16) * 60_000)); // ended just over a day ago
      const revokedRecently = await addSession(new Date(now - 60_000), new Date(now - 23 * HOUR * 60_000));
      const idOf = async (token: string) => (await h.database.db.selectFrom('sessions').select('id').where('token_hash', '=', tokenHash(token)).executeTakeFirstOrThrow()).id;
      const [liveId, novakId] = [await idOf(live), await idOf(novak)];
      const sessionsBefore = await count(h, 'sessions');
      assert.equal(sessionsBefore, 7);
      const third = await purgeExpired(h.database.db, h.clock.current);
      const left = new Set((await h.database.db.selectFrom('sessions').select('id').execute()).map((row) => row.id));
      // Gone: the one that idled out at t0, the one revoked at t0, and `old`. Novak's ended at
      // t0+35 min, less than a day ago.
      assert.deepEqual(left, new Set([liveId, novakId, recent.id, revokedRecently.id]));
      assert.equal(left.has(old.id), false);
      assert.equal(third.sessions, 3);
      assert.equal((await h.request('/v1/account', live)).status, 200);
      problem(await h.request('/v1/account', ended), 401, 'session_expired');

      assert.equal(await count(h, 'audit_events') >= records.audit, true);
      assert.equal(await count(h, 'ledger_entries'), records.ledger);
      assert.equal(await count(h, 'payments'), records.payments);
      const kept = await h.database.db.selectFrom('payments').selectAll().where('id', '=', 'pay_purgekept').executeTakeFirstOrThrow();
      assert.deepEqual([kept.authorization_text, kept.authorization_ip_address], ['I authorize this debit.', '192.0.2.10']);
    });

    it('runs the purge on the payment jobs runner, apart from payments (which may fail)', async () => {
      await h.open('Rivera', { address: '192.0.2.60' });
      h.clock.advance(26 * HOUR);
      assert.ok((await count(h, 'sessions')) > 0);
      const unavailable = () => Promise.reject(new ProcessorUnavailableError('down'));
      const gateway: ProcessorGateway = { token: unavailable, charge: unavailable, findCharge: unavailable, refund: unavailable, events: unavailable, payout: unavailable };
      const jobs = startPaymentJobs({ database: h.database, gateway, practices, now: h.clock.now, logger: silentLogger, intervalMs: 50, purgeIntervalMs: 50 });
      try {
        for (let waited = 0; waited < 5_000 && (await count(h, 'sessions')) > 0; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
      } finally {
        await jobs.stop();
      }
      assert.equal(await count(h, 'sessions'), 0);
    });
  });

  describe(`processor idempotency key purge (${backend.name})`, () => {
    let p: ProcessorHarness;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });
    const keys = async () => Number((await sql<{ n: string }>`select count(*) as n from idempotency_keys`.execute(p.database.db)).rows[0]!.n);
    const charges = async () => Number((await sql<{ n: string }>`select count(*) as n from charges`.execute(p.database.db)).rows[0]!.n);

    it('forgets stored answers after a day, and a late retry still gets the charge it made, never a second', async () => {
      const token = await p.cardToken(CARDS.visa);
      const key = `late-retry-${randomUUID()}`;
      const first = await p.charge({ token, amountCents: 4_200 }, key);
      assert.equal(first.status, 201);
      const refundKey = `late-refund-${randomUUID()}`;
      const refund = await p.secretCall<{ id: string }>('/v1/refunds', { charge: first.body.id, amountCents: 200 }, refundKey);
      assert.equal(refund.status, 201);

      assert.equal(await purgeIdempotencyKeys(p.database.db, new Date(p.clock.now().getTime() + 23 * 3_600_000)), 0);
      const before = await keys();
      assert.equal(await purgeIdempotencyKeys(p.database.db, new Date(p.clock.now().getTime() + 25 * 3_600_000)), before);
      assert.equal(await keys(), 0);

      const chargesBefore = await charges();
      const again = await p.charge({ token, amountCents: 4_200 }, key);
      assert.equal(again.status, 201);
      assert.equal(again.body.id, first.body.id);
      assert.equal(await charges(), chargesBefore);
      assert.equal((await p.charge({ token, amountCents: 4_300 }, key)).status, 409);
      const refundAgain = await p.secretCall<{ id: string }>('/v1/refunds', { charge: first.body.id, amountCents: 200 }, refundKey);
      assert.deepEqual([refundAgain.status, refundAgain.body.id], [201, refund.body.id]);
      assert.equal((await p.secretCall<ChargeBody>(`/v1/charges/${first.body.id}`)).body.amountRefundedCents, 200);
    });

    it('purges on the settlement timer', async () => {
      await p.charge({ token: await p.cardToken(CARDS.visa), amountCents: 1_000 }, `timer-${randomUUID()}`);
      assert.ok((await keys()) > 0);
      p.base = new Date(p.base.getTime() + 2 * 86_400_000);
      const timer = startSettlementTimer({ database: p.database, secret: SECRET, clock: p.clock, logger: silentLogger, intervalMs: 10, purgeIntervalMs: 0 });
      try {
        for (let waited = 0; waited < 5_000 && (await keys()) > 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        await timer.stop();
      }
      assert.equal(await keys(), 0);
    });
  });
}
