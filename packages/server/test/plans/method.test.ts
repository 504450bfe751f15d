/**
 * Changing an automatic plan's payment method (issue 14, "Plans"): the billing office emails the
 * patient a link (`POST /admin/v1/plans/{id}/method-link`); the link opens the bill after the date
 * of birth and says what it is for; the patient gives the new method and accepts its authorization
 * (`POST /v1/plans/{id}/payment-method`), recorded with the one it replaces, with a `plan.changed`
 * event, charging nothing; the installments left are charged to the new method.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, LookupResponseSchema, PlanSchema, type Plan } from '@billpay/sdk';
import { AccountNoticeSchema, type AccountNotice } from '@billpay/sdk/admin-desk';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import type { OutgoingEmail } from '../../src/messages/port.js';
import { adminCall } from '../support/admin.js';
import { adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { demo, practices, SECRET, TODAY } from '../support/harness.js';
import { AUTHORIZATION_TEXT, automatic, created, newKey, refusal, setupPlans, type Setup } from '../support/plans.js';
import { CARDS } from '../support/processor.js';

const PAY_PAGE = 'https://pay.harborpoint.example/bill';
const CARD_TEXT =
  'I authorize Harbor Point Medical Group to charge my Visa card ending in 4242 for each payment left of this plan, on the dates and for the amounts shown, until it is paid. I can revoke this by calling (555) 010-4477.';

for (const backend of backends) {
  describe(`changing a plan's payment method (${backend.name})`, () => {
    let env: Setup;
    let biller: string;
    let reader: string;
    let autoPlan: Plan;
    let manualPlan: Plan;
    let okafor: string;
    let chen: string;
    const sent: OutgoingEmail[] = [];

    const link = (planId: string, key: string | null = newKey(), secret = biller) =>
      adminCall<AccountNotice>(env.app, `/admin/v1/plans/${planId}/method-link`, secret, { body: {}, headers: key ? { 'idempotency-key': key } : {} });
    const change = (token: string, planId: string, body: unknown, key: string | null = newKey()) =>
      env.send<Plan>(`/v1/plans/${planId}/payment-method`, token, { body, ...(key ? { key } : {}), headers: { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'MethodTest/1.0' } });
    const now = () => env.harness.clock.current.toISOString();
    const savedCard = async (number = CARDS.visa) => {
      const answer = await env.processor.card(number, { reusable: true });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.id;
    };

    before(async () => {
      env = await setupPlans(backend);
      biller = (await adminKey(env.harness.database, 'harbor-point', ['read', 'refunds'])).secret;
      reader = (await adminKey(env.harness.database, 'harbor-point', ['read'])).secret;
      okafor = await env.harness.open('Okafor');
      autoPlan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: addDays(TODAY, 3), payments: 6, payment: automatic(await env.processor.bankToken(), now()) }));
      chen = await env.harness.open('Chen');
      manualPlan = created(await env.createPlan(chen, { frequency: 'monthly', firstDate: addDays(TODAY, 3), payments: 6, payment: { mode: 'manual' } }));
    });
    after(() => env.close());

    it('staff email the link once per key, to the address masked; refused without an email, for a plan paid by hand, without the scope or a key', async () => {
      refusal(await link(autoPlan.id), 409, 'no_email');
      await env.db.updateTable('accounts').set({ email: 'chidi.okafor@example.com' }).where('bill_id', '=', demo('Okafor').billId).execute();
      refusal(await link(manualPlan.id), 409, 'plan_not_automatic');
      refusal(await link('plan_nosuchplan'), 404, 'plan_not_found');
      refusal(await link(autoPlan.id, newKey(), reader), 403, 'insufficient_scope');
      refusal(await link(autoPlan.id, null), 400, 'idempotency_key_required');
      const key = newKey();
      const first = await link(autoPlan.id, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual(AccountNoticeSchema.safeParse(first.body).error?.issues, undefined, 'the console’s schema reads the answer');
      assert.deepEqual([first.body.kind, first.body.to, first.body.planId, first.body.status], ['plan_method_link', 'c***@example.com', autoPlan.id, 'pending']);
      assert.equal((await link(autoPlan.id, key)).body.id, first.body.id, 'a repeated key queues nothing more');
      const queued = await env.db.selectFrom('messages').select(['kind', 'data']).where('kind', '=', 'plan_method_link').execute();
      assert.equal(queued.length, 1);
      assert.equal(JSON.stringify(queued[0]!.data).includes('link='), false, 'no token in the outbox');
    });

    it('the email’s link opens the bill with the date of birth and says it is for changing the plan’s payment method', async () => {
      const report = await deliverDueMessages({
        db: env.db,
        secret: SECRET,
        practices,
        channels: { email: { kind: 'test', send: (email) => (sent.push(email), Promise.resolve({ ok: true, providerId: `m${sent.length}` })) } },
        now: env.harness.clock.now,
        publicUrl: () => 'https://billing.example',
        payPageUrl: () => PAY_PAGE,
      });
      assert.equal(report.sent, 1, JSON.stringify(report));
      const email = sent[0]!;
      assert.equal(email.to, 'chidi.okafor@example.com');
      assert.match(email.subject, /Change the payment method of your payment plan with Harbor Point/);
      assert.equal(email.headers['List-Unsubscribe'], undefined, 'asked for by the patient, not a notice to stop');
      const token = /#link=([A-Za-z0-9_-]{22})/.exec(email.text)?.[1];
      assert.ok(token, email.text);
      assert.ok(email.html.includes(`${PAY_PAGE}#link=${token}`));

      const wrong = await env.harness.lookup({ practice: 'harbor-point', payLink: token, dateOfBirth: '1970-01-01' }, {}, env.app);
      refusal(wrong, 401, 'lookup_failed');
      const found = await env.harness.lookup({ practice: 'harbor-point', payLink: token, dateOfBirth: demo('Okafor').dateOfBirth }, {}, env.app);
      assert.equal(found.status, 201, JSON.stringify(found.body));
      const answer = LookupResponseSchema.parse(found.body);
      assert.deepEqual(answer.intent, { kind: 'plan_method', planId: autoPlan.id });
      okafor = answer.token;
    });

    it('the patient changes the method to a saved card with a new authorization, once per key, charging nothing', async () => {
      const charges = await env.chargesAtProcessor();
      const card = await savedCard();
      const body = { payment: { ...automatic(card, now(), 'card'), authorization: { text: CARD_TEXT, acceptedAt: now() } } };
      const key = newKey();
      const answer = await change(okafor, autoPlan.id, body, key);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const plan = PlanSchema.parse(answer.body);
      assert.deepEqual([plan.method, plan.paymentMethod, plan.status], ['card', { kind: 'card', brand: 'visa', last4: '4242' }, 'active']);
      assert.deepEqual(plan.authorization?.text, CARD_TEXT);
      assert.deepEqual(plan.installments, autoPlan.installments, 'the schedule is unchanged');
      assert.equal(await env.chargesAtProcessor(), charges, 'nothing is charged now');

      const again = await change(okafor, autoPlan.id, body, key);
      assert.deepEqual(PlanSchema.parse(again.body), plan, 'a repeat answers the same plan');
      refusal(await change(okafor, autoPlan.id, { ...body, payment: { ...body.payment, token: await savedCard() } }, key), 409, 'idempotency_conflict');

      const proofs = await env.db.selectFrom('plan_authorizations').selectAll().where('plan_id', '=', autoPlan.id).orderBy('recorded_at').orderBy('replaced_at').execute();
      assert.equal(proofs.length, 2, 'the replaced authorization is kept');
      const [old, current] = [proofs.find((p) => p.replaced_at !== null)!, proofs.find((p) => p.replaced_at === null)!];
      assert.deepEqual([old.text, old.method_kind], [AUTHORIZATION_TEXT, 'bank']);
      assert.deepEqual([current.text, current.method_kind, current.ip_address, current.user_agent, current.accepted_by], [CARD_TEXT, 'card', '203.0.113.9', 'MethodTest/1.0', 'Chidi Okafor']);
      const events = await env.db.selectFrom('events').select('data').where('type', '=', 'plan.changed').execute();
      assert.equal(events.length, 1);
      assert.deepEqual([events[0]!.data['planId'], events[0]!.data['change'], events[0]!.data['method']], [autoPlan.id, 'method', 'card']);
    });

    it('refuses another account’s plan, a plan paid by hand, a token it cannot charge again, an old authorization, a missing key', async () => {
      const card = await savedCard();
      const body = { payment: { ...automatic(card, now(), 'card'), authorization: { text: CARD_TEXT, acceptedAt: now() } } };
      const rivera = await env.harness.open('Rivera');
      const theirs = refusal(await change(rivera, autoPlan.id, body), 404, 'plan_not_found');
      const none = refusal(await change(rivera, 'plan_nosuchplan', body), 404, 'plan_not_found');
      assert.equal(theirs.message, none.message);
      refusal(await change(chen, manualPlan.id, body), 409, 'plan_not_automatic');
      refusal(await change(okafor, autoPlan.id, { payment: { ...body.payment, token: 'tok_nosuchtoken1234' } }), 422, 'invalid_token');
      const once = (await env.processor.card(CARDS.visa)).body.id;
      refusal(await change(okafor, autoPlan.id, { payment: { ...body.payment, token: once } }), 422, 'autopay_method_unavailable');
      refusal(await change(okafor, autoPlan.id, { payment: { ...body.payment, method: 'bank' } }), 422, 'autopay_method_unavailable');
      refusal(await change(okafor, autoPlan.id, { payment: { ...body.payment, authorization: { text: CARD_TEXT, acceptedAt: '2026-01-01T00:00:00Z' } } }), 422, 'authorization_invalid');
      refusal(await change(okafor, autoPlan.id, body, null), 400, 'idempotency_key_required');
      refusal(await change(okafor, autoPlan.id, { payment: { mode: 'manual' } }), 400, 'invalid_request');
      refusal(await change(okafor, autoPlan.id, { payment: { ...body.payment, authorization: undefined } }), 400, 'invalid_request');
      assert.equal((await env.plan(okafor, autoPlan.id)).paymentMethod?.last4, '4242', 'nothing refused changed the plan');
    });

    it('the installments left are charged to the new card; a canceled plan’s method cannot change', async () => {
      await env.advanceDays(3);
      okafor = await env.harness.open('Okafor');
      const report = await env.run();
      assert.equal(report.charged, 1, JSON.stringify(report));
      const plan = await env.plan(okafor, autoPlan.id);
      assert.equal(plan.installments[0]!.status, 'paid');
      const payment = await env.db.selectFrom('payments').select(['method_kind', 'last4', 'authorization_text']).where('id', '=', plan.installments[0]!.paymentId!).executeTakeFirstOrThrow();
      assert.deepEqual([payment.method_kind, payment.last4], ['card', '4242']);

      const canceled = await env.send(`/v1/plans/${autoPlan.id}/cancel`, okafor, { method: 'POST' });
      assert.equal(canceled.status, 200);
      const card = await savedCard();
      refusal(await change(okafor, autoPlan.id, { payment: { ...automatic(card, now(), 'card'), authorization: { text: CARD_TEXT, acceptedAt: now() } } }), 409, 'plan_not_active');
      refusal(await link(autoPlan.id), 409, 'plan_not_active');
    });
  });
}
