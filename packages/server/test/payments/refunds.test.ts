import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { recoverPendingRefunds, type RefundView } from '../../src/payments/refunds.js';
import { ProcessorUnavailableError } from '../../src/processor/port.js';
import { adminCall, adminKey, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { openHarness, practices, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`refunds through the practice API (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let key: { id: string; secret: string };
    /** The processor makes the next refund, but its answer never arrives. */
    let loseNextAnswer = false;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor, {
        gateway: (inner) => ({
          ...inner,
          async refund(practiceId, idempotencyKey, request) {
            const refund = await inner.refund(practiceId, idempotencyKey, request);
            if (loseNextAnswer) {
              loseNextAnswer = false;
              throw new ProcessorUnavailableError('The answer was lost.');
            }
            return refund;
          },
        }),
      });
      key = await adminKey(harness.database, 'harbor-point', ['read', 'refunds']);
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    /** A card payment Okafor makes (the largest balance): its id, charge and session. */
    async function payment(amountCents: number) {
      const session = await harness.open('Okafor');
      const answer = await api.pay(session, { amountCents, token: await processor.cardToken(CARDS.visa) }, newKey());
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const { id } = PaymentSchema.parse(answer.body);
      const { charge_id: chargeId } = await harness.database.db.selectFrom('payments').select('charge_id').where('id', '=', id).executeTakeFirstOrThrow();
      return { id, chargeId: chargeId!, session };
    }

    const refund = (paymentId: string, body: Record<string, unknown>, idempotencyKey: string = newKey()) =>
      adminCall<RefundView>(api.app, `/admin/v1/payments/${paymentId}/refunds`, key.secret, { body, headers: { 'idempotency-key': idempotencyKey } });

    function refusal(answer: AdminAnswer, status: number, code: string) {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      const { error } = ApiErrorBodySchema.parse(answer.body);
      assert.equal(error.code, code);
      return error;
    }

    /** The processor's refunds of a charge, and the ledger's refund entries of a payment. */
    const processorRefunds = async (chargeId: string) => processor.database.db.selectFrom('refunds').select(['id', 'amount_cents']).where('charge_id', '=', chargeId).execute();
    const ledgerRefunds = (paymentId: string) =>
      harness.database.db.selectFrom('ledger_entries').select(['kind', 'reason', 'amount_cents', 'refund_id']).where('payment_id', '=', paymentId).where('reason', '=', 'refund').execute();
    const refundRow = (id: string) => harness.database.db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('refunds a payment in full: the processor, the ledger, the balance, the patient’s history and the audit trail show it', async () => {
      const paid = await payment(3_000);
      const balanceBefore = (await api.account(paid.session)).balanceCents;
      const answer = await refund(paid.id, { reason: 'requested_by_patient' });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.amountCents, 3_000);
      assert.equal(answer.body.status, 'succeeded');
      assert.equal(answer.body.paymentId, paid.id);
      assert.match(answer.body.processorReference ?? '', /^re_/);
      assert.deepEqual(await processorRefunds(paid.chargeId), [{ id: answer.body.processorReference, amount_cents: 3_000 }]);
      assert.deepEqual(await ledgerRefunds(paid.id), [{ kind: 'reversal', reason: 'refund', amount_cents: 3_000, refund_id: answer.body.id }]);

      const account = await api.account(paid.session);
      assert.equal(account.balanceCents, balanceBefore + 3_000, 'what the patient owes goes back up');
      const listed = account.payments.filter((p) => p.refundedCents !== undefined);
      assert.deepEqual(listed.map((p) => [p.amountCents, p.refundedCents, p.status]), [[3_000, 3_000, 'succeeded']]);
      assert.equal((await api.receipt(paid.session, paid.id)).refundedCents, 3_000, 'the receipt tells it too');

      const view = await adminCall<{ refundedCents: number; refundableCents: number; refunds: RefundView[] }>(api.app, `/admin/v1/payments/${paid.id}`, key.secret);
      assert.equal(view.body.refundedCents, 3_000);
      assert.equal(view.body.refundableCents, 0);
      assert.deepEqual(view.body.refunds, [answer.body]);

      const audit = await harness.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'refund_recorded').execute();
      assert.deepEqual(audit.map((a) => [a.api_key_id, a.request_id]), [[key.id, answer.headers.get('x-request-id')]]);
      // The calls themselves are in the account's trail too: the refund and the payment read.
      const calls = await harness.database.db.selectFrom('audit_events').select(['account_id', 'detail']).where('action', '=', 'api_call').where('request_id', 'in', [answer.headers.get('x-request-id')!, view.headers.get('x-request-id')!]).orderBy('at').execute();
      assert.deepEqual(calls.map((a) => [a.account_id, a.detail?.split(' ').slice(0, 2).join(' ')]), [[audit[0]!.account_id, 'POST /admin/v1/payments/:id/refunds'], [audit[0]!.account_id, 'GET /admin/v1/payments/:id']]);

      const again = refusal(await refund(paid.id, { reason: 'duplicate' }), 422, 'amount_exceeds_refundable');
      assert.equal(again.maximumCents, 0);
    });

    it('refunds in parts, never more than is left (422 with how much is)', async () => {
      const paid = await payment(5_000);
      assert.equal((await refund(paid.id, { amountCents: 1_200, reason: 'billing_error' })).status, 201);
      assert.equal((await refund(paid.id, { amountCents: 2_000, reason: 'goodwill' })).status, 201);
      const over = refusal(await refund(paid.id, { amountCents: 2_000, reason: 'other' }), 422, 'amount_exceeds_refundable');
      assert.equal(over.maximumCents, 1_800);
      const rest = await refund(paid.id, { reason: 'other' });
      assert.equal(rest.body.amountCents, 1_800);
      assert.deepEqual((await ledgerRefunds(paid.id)).map((e) => e.amount_cents).sort(), [1_200, 1_800, 2_000]);
      assert.equal((await processorRefunds(paid.chargeId)).reduce((sum, r) => sum + r.amount_cents, 0), 5_000);
      const account = await api.account(paid.session);
      assert.equal(account.payments.find((p) => p.refundedCents === 5_000)?.amountCents, 5_000);
      const receipt = await api.receipt(paid.session, paid.id);
      assert.deepEqual([receipt.amountCents, receipt.refundedCents], [5_000, 5_000]);
    });

    it('makes one refund of identical requests sent at once, and splits none of a rest two keys ask for at once', async () => {
      const paid = await payment(4_000);
      const idempotencyKey = newKey();
      const copies = await Promise.all(Array.from({ length: 3 }, () => refund(paid.id, { amountCents: 1_000, reason: 'duplicate' }, idempotencyKey)));
      assert.deepEqual(copies.map((c) => c.status), [201, 201, 201]);
      assert.equal(new Set(copies.map((c) => c.body.id)).size, 1);
      assert.equal((await processorRefunds(paid.chargeId)).length, 1);
      assert.equal((await ledgerRefunds(paid.id)).length, 1);

      const rivals = await Promise.all([refund(paid.id, { reason: 'duplicate' }), refund(paid.id, { reason: 'duplicate' })]);
      assert.deepEqual(rivals.map((r) => r.status).sort(), [201, 422]);
      assert.equal((await processorRefunds(paid.chargeId)).reduce((sum, r) => sum + r.amount_cents, 0), 4_000);
    });

    it('answers a retry after a lost answer with the same refund, made once', async () => {
      const paid = await payment(2_500);
      const idempotencyKey = newKey();
      loseNextAnswer = true;
      const lost = await refund(paid.id, { amountCents: 500, reason: 'requested_by_patient' }, idempotencyKey);
      refusal(lost, 503, 'processor_unavailable');
      assert.equal((await processorRefunds(paid.chargeId)).length, 1, 'the processor did refund');
      assert.equal((await ledgerRefunds(paid.id)).length, 0, 'not yet recorded');
      const retry = await refund(paid.id, { amountCents: 500, reason: 'requested_by_patient' }, idempotencyKey);
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      const again = await refund(paid.id, { amountCents: 500, reason: 'requested_by_patient' }, idempotencyKey);
      assert.deepEqual(again.body, retry.body);
      assert.equal((await processorRefunds(paid.chargeId)).length, 1);
      assert.deepEqual((await ledgerRefunds(paid.id)).map((e) => e.refund_id), [retry.body.id]);
      refusal(await refund(paid.id, { amountCents: 600, reason: 'requested_by_patient' }, idempotencyKey), 409, 'idempotency_conflict');
    });

    it('keeps a refund the processor could not take pending and retryable (503), holding its amount meanwhile', async () => {
      const paid = await payment(2_000);
      const idempotencyKey = newKey();
      api.setProcessorUp(false);
      try {
        const down = await refund(paid.id, { amountCents: 1_500, reason: 'goodwill' }, idempotencyKey);
        refusal(down, 503, 'processor_unavailable');
        assert.ok(Number(down.headers.get('retry-after')) > 0);
        const pending = await harness.database.db.selectFrom('refunds').selectAll().where('payment_id', '=', paid.id).executeTakeFirstOrThrow();
        assert.equal(pending.status, 'pending');
        // The pending refund holds its amount: another may take only the rest.
        assert.equal(refusal(await refund(paid.id, { amountCents: 1_000, reason: 'goodwill' }), 422, 'amount_exceeds_refundable').maximumCents, 500);
      } finally {
        api.setProcessorUp(true);
      }
      const retry = await refund(paid.id, { amountCents: 1_500, reason: 'goodwill' }, idempotencyKey);
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      assert.equal((await processorRefunds(paid.chargeId)).length, 1);
      assert.equal((await ledgerRefunds(paid.id)).length, 1);
    });

    it('completes a refund a crash left pending, by recovery, once', async () => {
      const paid = await payment(1_500);
      const idempotencyKey = newKey();
      loseNextAnswer = true;
      const lost = await refund(paid.id, { reason: 'billing_error' }, idempotencyKey);
      refusal(lost, 503, 'processor_unavailable');
      const { id } = await harness.database.db.selectFrom('refunds').select('id').where('payment_id', '=', paid.id).executeTakeFirstOrThrow();
      const now = harness.clock.now();
      assert.equal(await recoverPendingRefunds(harness.database.db, api.gateway, practices, now), 0, 'a young refund is left to its request');
      const later = new Date(now.getTime() + 60_000);
      assert.equal(await recoverPendingRefunds(harness.database.db, api.gateway, practices, later), 1);
      assert.equal((await refundRow(id)).status, 'succeeded');
      assert.equal(await recoverPendingRefunds(harness.database.db, api.gateway, practices, later), 0);
      const retry = await refund(paid.id, { reason: 'billing_error' }, idempotencyKey);
      assert.equal(retry.body.id, id);
      assert.equal((await processorRefunds(paid.chargeId)).length, 1);
      assert.deepEqual((await ledgerRefunds(paid.id)).map((e) => e.amount_cents), [1_500]);
    });

    it('refuses a payment that took no money, and requests without a key or with a bad body', async () => {
      const session = await harness.open('Chen');
      const declined = await api.pay(session, { amountCents: 1_000, token: await processor.cardToken(CARDS.declined) }, newKey());
      const paymentId = ApiErrorBodySchema.parse(declined.body).error.paymentId!;
      refusal(await refund(paymentId, { reason: 'duplicate' }), 409, 'payment_not_refundable');
      const paid = await payment(1_000);
      const noKey = await adminCall(api.app, `/admin/v1/payments/${paid.id}/refunds`, key.secret, { body: { reason: 'duplicate' } });
      refusal(noKey, 400, 'idempotency_key_required');
      for (const body of [{}, { reason: 'because' }, { reason: 'duplicate', amountCents: 1.5 }, { reason: 'duplicate', amountCents: 0 }, { reason: 'duplicate', amountCents: 1e12 }]) {
        refusal(await refund(paid.id, body), 400, 'invalid_request');
      }
      refusal(await refund('pay_nosuchpayment', { reason: 'duplicate' }), 404, 'payment_not_found');
      assert.equal((await processorRefunds(paid.chargeId)).length, 0);
    });
  });
}
