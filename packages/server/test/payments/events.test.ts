/**
 * A processor event that arrives before its payment knows its charge (the server stopped between
 * the charge and its record, and recovery has not run yet) is applied, not lost: the charge is
 * recorded from the event, then the event applied, once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ProcessorGateway } from '../../src/processor/port.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import { recoverPendingPayments } from '../../src/payments/recovery.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, type Harness } from '../support/harness.js';
import { openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`processor events before the payment knows its charge (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let gateway: ProcessorGateway;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      gateway = processor.gateway();
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const db = () => harness.database.db;
    const balance = async () =>
      (await db().selectFrom('ledger_entries').select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('b')).where('account_id', '=', 'acct_demo2').executeTakeFirstOrThrow()).b;

    /** A bank payment charged at the processor exactly as `completePayment` does, then the server "dies". */
    async function chargedButNotRecorded(id: string, accountNumber: string, amountCents: number): Promise<void> {
      const token = await processor.bankToken(accountNumber);
      await db()
        .insertInto('payments')
        .values({
          id, practice_id: 'harbor-point', account_id: 'acct_demo2', idempotency_key: `key-${id}`, request_hash: 'x', confirmation_number: id.slice(-9).toUpperCase(),
          status: 'pending', amount_cents: amountCents, statement_id: null, token, charge_id: null, method_kind: 'bank', brand: null, last4: accountNumber.slice(-4), wallet: null,
          decline_code: null, return_code: null, remaining_balance_cents: null, authorization_text: 'I authorize Harbor Point Medical Group to debit my account once.',
          authorization_accepted_at: harness.clock.current.toISOString(), created_at: harness.clock.current, updated_at: harness.clock.current,
        })
        .execute();
      await gateway.charge('harbor-point', id, { token, amountCents, description: 'bill payment', reference: id });
    }

    it('records the charge from the event and applies a return (with its fee) or a settlement, once', async () => {
      const start = await balance();
      await chargedButNotRecorded('pay_eventsreturned01', '000987650001', 5_000);
      await chargedButNotRecorded('pay_eventssettled001', '000123456789', 7_000);
      // Both settle (one comes back R01) before the practice API has recorded either charge.
      await processor.secretCall('/v1/sandbox/clock', { advanceDays: 4 });

      assert.equal(await applyProcessorEvents(db(), gateway, harborPoint, harness.clock.current), 2);
      const rows = await db().selectFrom('payments').select(['id', 'status', 'return_code', 'charge_id']).where('id', 'in', ['pay_eventsreturned01', 'pay_eventssettled001']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.id, r.status, r.return_code, r.charge_id?.startsWith('ch_')]), [
        ['pay_eventsreturned01', 'returned', 'R01', true],
        ['pay_eventssettled001', 'settled', null, true],
      ]);
      // The returned one was paid, reversed and charged the fee; the settled one stays paid.
      assert.equal(await balance(), start - 7_000 + harborPoint.policies.returnedPaymentFeeCents);
      const entries = await db().selectFrom('ledger_entries').select(['kind', 'amount_cents']).where('payment_id', '=', 'pay_eventsreturned01').orderBy('kind').execute();
      assert.deepEqual(entries.map((e) => [e.kind, e.amount_cents]), [['fee', harborPoint.policies.returnedPaymentFeeCents], ['payment', -5_000], ['reversal', 5_000]]);

      // Nothing left for recovery, nothing applied twice.
      assert.equal(await recoverPendingPayments(db(), gateway, practices, harness.clock.current), 0);
      assert.equal(await applyProcessorEvents(db(), gateway, harborPoint, harness.clock.current), 0);
      assert.equal(await balance(), start - 7_000 + harborPoint.policies.returnedPaymentFeeCents);
    });

    it('ignores an event whose charge names no payment of this practice', async () => {
      const token = await processor.bankToken('000444455556');
      await gateway.charge('harbor-point', 'made-elsewhere-0001', { token, amountCents: 1_000, description: 'elsewhere', reference: 'pay_doesnotexist' });
      await processor.secretCall('/v1/sandbox/clock', { advanceDays: 4 });
      const before = await balance();
      assert.equal(await applyProcessorEvents(db(), gateway, harborPoint, harness.clock.current), 0);
      assert.equal(await balance(), before);
    });
  });
}
