/**
 * The outbox and its feed: every money movement and plan change is an event written with the
 * change, read in order through `GET /admin/v1/events?after=`, never skipped even when the
 * transactions that wrote them commit out of order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema, PlanSchema } from '@billpay/sdk';
import type { EventPage } from '../../src/events/outbox.js';
import { publishEvents, recordEvent } from '../../src/events/outbox.js';
import { adminCall, adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { demo, harborPoint } from '../support/harness.js';
import { automatic, created, newKey, setupPlans, type Setup } from '../support/plans.js';
import { CARDS } from '../support/processor.js';

for (const backend of backends) {
  describe(`events: the outbox and its feed (${backend.name})`, () => {
    let env: Setup;
    let read: string;

    before(async () => {
      env = await setupPlans(backend);
      read = (await adminKey(env.harness.database, 'harbor-point', ['read', 'refunds'])).secret;
    });
    after(() => env.close());

    const feed = (query = '', key = read) => adminCall<EventPage>(env.app, `/admin/v1/events${query}`, key);
    async function all(after = '0') {
      const answer = await feed(`?after=${after}&limit=200`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.hasMore, false);
      return answer.body;
    }
    function refused(answer: { status: number; body: unknown }, status: number, code: string) {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
    }

    it('a plan’s bank debit that comes back twice: created, processing, returned with its fee, failed, delinquent, in order', async () => {
      const start = (await all()).nextCursor;
      const chen = await env.harness.open('Chen');
      const token = await env.processor.bankToken('000987650001');
      const plan = created(await env.createPlan(chen, { frequency: 'monthly', firstDate: env.today(), payments: 3, payment: automatic(token, env.harness.clock.current.toISOString()) }));
      for (let i = 0; i < 2; i++) {
        assert.equal((await env.run()).processing, 1);
        await env.advanceDays(4);
        await env.run();
        await env.advanceDays(3);
      }
      const { data } = await all(start);
      assert.deepEqual(data.map((e) => e.type), [
        'plan.created',
        'payment.processing',
        'payment.returned',
        'fee.added',
        'plan.installment_failed',
        'payment.processing',
        'payment.returned',
        'fee.added',
        'plan.installment_failed',
        'plan.delinquent',
      ]);
      for (const event of data) {
        assert.equal(event.data.accountNumber, demo('Chen').accountNumber, 'the practice’s own account number');
        assert.match(event.id, /^evt_[0-9a-f]{32}$/);
        assert.ok(!JSON.stringify(event).includes(token), 'no processor token in an event');
      }
      const cursors = data.map((e) => BigInt(e.cursor));
      assert.deepEqual(cursors, [...cursors].sort((a, b) => (a < b ? -1 : 1)));
      assert.equal(data[0]?.data.planId, plan.id);
      assert.equal(data[1]?.data.amountCents, plan.installments[0]?.amountCents);
      assert.equal(data[2]?.data.returnCode, 'R01');
      assert.equal(data[3]?.data.amountCents, harborPoint.policies.returnedPaymentFeeCents);
      assert.equal(data[4]?.data.installmentNumber, 1);
    });

    it('a card payment, its refund, a plan made and canceled: each once, in order', async () => {
      const start = (await all()).nextCursor;
      const okafor = await env.harness.open('Okafor');
      const paid = await env.send('/v1/payments', okafor, { body: { amountCents: 2_500, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      const payment = PaymentSchema.parse(paid.body);
      const refund = await adminCall(env.app, `/admin/v1/payments/${payment.id}/refunds`, read, { body: { amountCents: 1_000, reason: 'goodwill' }, headers: { 'idempotency-key': newKey() } });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      const plan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: env.today(), payments: 3, payment: { mode: 'manual' } }));
      const canceled = await env.send(`/v1/plans/${plan.id}/cancel`, okafor, { body: {} });
      assert.equal(PlanSchema.parse(canceled.body).status, 'canceled');

      const { data } = await all(start);
      assert.deepEqual(data.map((e) => e.type), ['payment.succeeded', 'refund.succeeded', 'plan.created', 'plan.canceled']);
      assert.deepEqual(data[0]?.data, {
        accountNumber: demo('Okafor').accountNumber,
        paymentId: payment.id,
        confirmationNumber: payment.confirmationNumber,
        amountCents: 2_500,
        method: 'card',
        statementId: null,
        takenBy: 'patient',
      });
      assert.deepEqual([data[1]?.data.paymentId, data[1]?.data.amountCents, data[1]?.data.reason], [payment.id, 1_000, 'goodwill']);
      assert.equal(data[3]?.data.planId, plan.id);
    });

    it('pages in order with any limit; the cursor and the limit are checked; a key needs `read`; another practice sees none', async () => {
      const whole = (await all()).data;
      assert.ok(whole.length >= 10);
      const paged: string[] = [];
      let cursor = '0';
      for (;;) {
        const page = await feed(`?after=${cursor}&limit=3`);
        assert.equal(page.status, 200);
        paged.push(...page.body.data.map((e) => e.id));
        cursor = page.body.nextCursor;
        if (!page.body.hasMore) break;
      }
      assert.deepEqual(paged, whole.map((e) => e.id));
      assert.deepEqual((await feed(`?after=${cursor}`)).body, { data: [], nextCursor: cursor, hasMore: false });

      for (const query of ['?after=abc', '?after=-1', '?after=1234567890123456789', '?limit=0', '?limit=201', '?limit=1.5', '?limit=']) refused(await feed(query), 400, 'invalid_request');
      const refundsOnly = (await adminKey(env.harness.database, 'harbor-point', ['refunds'])).secret;
      refused(await feed('', refundsOnly), 403, 'insufficient_scope');
      const other = (await adminKey(env.harness.database, 'lakeside-clinic', ['read'])).secret;
      refused(await feed('', other), 401, 'api_key_invalid');
      await env.db.insertInto('events').values({ public_id: 'evt_other', practice_id: 'lakeside-clinic', type: 'fee.added', data: '{}', created_at: new Date() }).execute();
      await publishEvents(env.db, new Date());
      assert.ok(!(await all()).data.some((e) => e.id === 'evt_other'), 'only the practice’s own events');
    });

    it('an event commits with its change or not at all', async () => {
      const before = (await all()).data.length;
      await assert.rejects(
        env.db.transaction().execute(async (trx) => {
          await recordEvent(trx, { practiceId: 'harbor-point', type: 'fee.added', data: { amountCents: 1 }, now: new Date() });
          throw new Error('the change failed');
        }),
      );
      assert.equal((await all()).data.length, before);
    });

    if (backend.name === 'postgres') {
      it('an event whose transaction commits after a later one is never skipped by a reader', async () => {
        const start = (await all()).nextCursor;
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let written!: () => void;
        const wroteEarly = new Promise<void>((resolve) => (written = resolve));
        // The earlier id, committing last.
        const slow = env.db.transaction().execute(async (trx) => {
          await recordEvent(trx, { practiceId: 'harbor-point', type: 'fee.added', data: { amountCents: 111 }, now: new Date() });
          written();
          await held;
        });
        await wroteEarly;
        await env.db.transaction().execute((trx) => recordEvent(trx, { practiceId: 'harbor-point', type: 'fee.added', data: { amountCents: 222 }, now: new Date() }));
        const first = await all(start);
        assert.deepEqual(first.data.map((e) => e.data.amountCents), [222]);
        release();
        await slow;
        const next = await all(first.nextCursor);
        assert.deepEqual(next.data.map((e) => e.data.amountCents), [111], 'read after the cursor the reader already holds');
      });
    }
  });
}
