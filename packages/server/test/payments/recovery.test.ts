/**
 * What a crash leaves, and what the processor did, always end up in the ledger:
 * - the state a crash leaves (pending payments of every age, some charged at the processor and
 *   some not) settled by recovery while every client retries its key at the same moment, many
 *   times over: processor charges equal payments recorded as paid, to the cent, every time;
 * - a charge for a payment already closed as not charged is recorded and refunded, and said so;
 * - receipts name the balance the ledger has after each payment, however many race.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema, type PaymentRequest } from '@billpay/sdk';
import { sql } from 'kysely';
import { chargeRequestOf, paymentRequestHash } from '../../src/payments/payments.js';
import { recordOutcome } from '../../src/payments/record.js';
import { recoverPendingPayments } from '../../src/payments/recovery.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

const ROUNDS = 6;
const PER_ROUND = 10;
/** Ages of the pending rows a crash leaves: just made, within recovery's grace, and long past it. */
const AGES_MS = [0, 5_000, 29_000, 31_000, 61_000, 5 * 60_000, 3_600_000, 26 * 3_600_000];

for (const backend of backends) {
  describe(`payments after a crash, raced by retries (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const db = () => harness.database.db;
    const ledgerOf = async (ids: readonly string[]) =>
      (await db().selectFrom('ledger_entries').select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('total')).where('payment_id', 'in', ids).executeTakeFirstOrThrow()).total;

    it(`settles what a crash leaves exactly once while every client retries, ${ROUNDS} times over`, async () => {
      const session = await harness.open('Okafor');
      const { id: accountId } = await api.account(session);
      for (let round = 0; round < ROUNDS; round++) {
        const now = harness.clock.current;
        // The crash: rows written as phase 1 leaves them; a third were charged before the process died.
        const made: { id: string; key: string; request: PaymentRequest; declines: boolean }[] = [];
        for (let i = 0; i < PER_ROUND; i++) {
          const declines = i % 5 === 4;
          const request = { amountCents: 100 + round * PER_ROUND + i, token: await processor.cardToken(declines ? CARDS.declined : CARDS.visa) };
          const id = `pay_race${round}x${i}${newKey().slice(-8).replace(/[^a-z0-9]/g, '')}`;
          const key = newKey();
          const row = {
            id, practice_id: 'harbor-point', account_id: accountId, idempotency_key: key, request_hash: paymentRequestHash(request),
            confirmation_number: `R${round}${i}-${id.slice(-4)}`.toUpperCase(), status: 'pending' as const, amount_cents: request.amountCents,
            statement_id: null, token: request.token, charge_id: null, method_kind: 'card' as const, brand: 'visa', last4: '4242', wallet: null,
            decline_code: null, return_code: null, remaining_balance_cents: null, authorization_text: null, authorization_accepted_at: null,
            created_at: new Date(now.getTime() - AGES_MS[(round + i) % AGES_MS.length]!), updated_at: now,
          };
          await db().insertInto('payments').values(row).execute();
          if (i % 3 === 0) await api.gateway.charge('harbor-point', id, chargeRequestOf({ ...row, session_id: null, client_hash: null, refund_id: null, decline_shown: null, authorization_ip_address: null, authorization_user_agent: null, account_type: null, bank_name: null, taken_by_staff_id: null, authorization_channel: null, authorization_version: null }));
          made.push({ id, key, request, declines });
        }

        // The restart: recovery runs while every client retries its key, all at once.
        const [, ...answers] = await Promise.all([
          recoverPendingPayments(db(), api.gateway, practices, harness.clock.current),
          ...made.map((payment) => api.pay(session, { ...payment.request }, payment.key)),
        ]);

        const rows = await db().selectFrom('payments').select(['id', 'status', 'amount_cents', 'charge_id']).where('id', 'in', made.map((m) => m.id)).execute();
        const status = new Map(rows.map((r) => [r.id, r.status]));
        for (const [i, payment] of made.entries()) {
          const answer = answers[i]!;
          const expected = payment.declines ? 'declined' : 'succeeded';
          assert.equal(status.get(payment.id), expected, `round ${round}, payment ${i}`);
          // What the client is told is what was recorded.
          if (payment.declines) assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, 'payment_declined');
          else assert.equal(PaymentSchema.parse(answer.body).id, payment.id);
        }
        const charges = await processor.database.db.selectFrom('charges').select(['idempotency_key', 'status', 'amount_cents']).where('idempotency_key', 'in', made.map((m) => m.id)).execute();
        const charged = charges.filter((c) => c.status === 'succeeded');
        const paid = rows.filter((r) => r.status === 'succeeded');
        assert.equal(charges.length, PER_ROUND, 'one charge per payment, declined or not');
        assert.equal(charged.reduce((n, c) => n + c.amount_cents, 0), paid.reduce((n, r) => n + r.amount_cents, 0), 'charged equals recorded as paid, to the cent');
        assert.equal(await ledgerOf(made.map((m) => m.id)), -paid.reduce((n, r) => n + r.amount_cents, 0), 'the ledger has each paid payment once');
        harness.clock.advance(1);
      }
    });

    it('records a charge made for a payment already closed as not charged, refunds it, and says so', async () => {
      const session = await harness.open('Chen');
      const { id: accountId, balanceCents } = await api.account(session);
      const request = { amountCents: 1_500, token: await processor.cardToken(CARDS.mastercard2) };
      const key = newKey();
      const now = harness.clock.current;
      const row = {
        id: `pay_late${newKey().slice(-10).replace(/[^a-z0-9]/g, '')}`, practice_id: 'harbor-point', account_id: accountId, idempotency_key: key,
        request_hash: paymentRequestHash(request), confirmation_number: `LATE-${key.slice(-4)}`.toUpperCase(), status: 'pending' as const,
        amount_cents: request.amountCents, statement_id: null, token: request.token, charge_id: null, method_kind: 'card' as const, brand: 'mastercard',
        last4: '3222', wallet: null, decline_code: null, return_code: null, remaining_balance_cents: null, authorization_text: null,
        authorization_accepted_at: null, session_id: null, client_hash: null, refund_id: null, decline_shown: null, authorization_ip_address: null,
        authorization_user_agent: null, account_type: null, bank_name: null, taken_by_staff_id: null, authorization_channel: null, authorization_version: null, created_at: now, updated_at: now,
      };
      await db().insertInto('payments').values(row).execute();
      const ctx = { db: db(), gateway: api.gateway, practice: harborPoint, now };
      // Closed as not charged (the processor refused it, as far as one caller knew)...
      assert.equal((await recordOutcome(ctx, row.id, undefined)).kind, 'declined');
      // ...then the processor's charge for the same key turns up, and the processor is down for a moment.
      const charge = await api.gateway.charge('harbor-point', row.id, chargeRequestOf(row));
      api.setProcessorUp(false);
      const late = await recordOutcome(ctx, row.id, charge);
      api.setProcessorUp(true);
      assert.equal(late.kind, 'refunded');

      const marked = await db().selectFrom('payments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      assert.deepEqual([marked.status, marked.charge_id, marked.refund_id], ['refunded', charge.id, null]);
      // The payment jobs ask the processor again until it confirms the refund.
      await recoverPendingPayments(db(), api.gateway, practices, harness.clock.current);
      const refunded = await db().selectFrom('payments').select('refund_id').where('id', '=', row.id).executeTakeFirstOrThrow();
      assert.match(refunded.refund_id ?? '', /^re_/);
      const atProcessor = await processor.database.db.selectFrom('charges').select(['amount_refunded_cents']).where('id', '=', charge.id).executeTakeFirstOrThrow();
      assert.equal(atProcessor.amount_refunded_cents, 1_500);

      // In the books both ways; the balance is what it was; the patient's payments do not list it.
      const entries = await db().selectFrom('ledger_entries').select(['kind', 'amount_cents']).where('payment_id', '=', row.id).orderBy('kind').execute();
      assert.deepEqual(entries.map((e) => [e.kind, e.amount_cents]), [['payment', -1_500], ['reversal', 1_500]]);
      const account = await api.account(session);
      assert.equal(account.balanceCents, balanceCents);
      assert.equal(account.payments.some((p) => p.amountCents === 1_500), false);
      const audit = await db().selectFrom('audit_events').select('action').where('account_id', '=', accountId).where('action', '=', 'late_charge_refunded').execute();
      assert.equal(audit.length, 1);

      // The patient's retry of the key is told the truth; the payment itself says refunded.
      const retry = await api.pay(session, { ...request }, key);
      assert.equal(retry.status, 409);
      assert.equal(ApiErrorBodySchema.parse(retry.body).error.code, 'payment_refunded');
      const view = await api.app.request(`/v1/payments/${row.id}`, { headers: { authorization: `Bearer ${session}` } });
      assert.equal(PaymentSchema.parse(await view.json()).status, 'refunded');
    });

    it('gives each of many racing payments the balance the ledger has right after it', async () => {
      // Five at once, a session each: as many as one account may have in flight (card testing).
      const sessions = await Promise.all(Array.from({ length: 5 }, () => harness.open('Rivera')));
      const start = (await api.account(sessions[0]!)).balanceCents;
      const tokens = await Promise.all(sessions.map(() => processor.cardToken(CARDS.visa)));
      const answers = await Promise.all(sessions.map((session, i) => api.pay(session, { amountCents: 1_000, token: tokens[i]! }, newKey())));
      const remaining = answers.map((a) => PaymentSchema.parse(a.body).remainingBalanceCents).sort((a, b) => b - a);
      assert.deepEqual(remaining, Array.from({ length: 5 }, (_, i) => start - (i + 1) * 1_000));
      assert.equal((await api.account(sessions[0]!)).balanceCents, start - 5_000);
    });
  });
}
