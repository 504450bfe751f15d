import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { after, before, describe, it } from 'node:test';
import { PaymentSchema, PlanOptionsSchema, PlanPayoffSchema, PlanSchema, addDays } from '@billpay/sdk';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { runDueInstallments } from '../../src/plans/runner.js';
import { backends } from '../support/backends.js';
import { insertLoadAccounts } from '../support/accounts.js';
import { cli, cliEnv } from '../support/cli.js';
import { harborPoint, practices, SECRET, TODAY } from '../support/harness.js';
import { AUTHORIZATION_TEXT, automatic, created, newKey, refusal, setupPlans, type Setup } from '../support/plans.js';
import { CARDS } from '../support/processor.js';

for (const backend of backends) {
  describe(`payment plans (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    it('tells the plan builder the policy, the balance, and the first-payment window', async () => {
      const okafor = await env.harness.open('Okafor');
      const options = PlanOptionsSchema.parse((await env.send('/v1/plans/options', okafor)).body);
      assert.deepEqual(options.policy, harborPoint.planPolicy);
      assert.equal(options.balanceCents, 240_000);
      assert.deepEqual([options.today, options.earliestFirstDate, options.latestFirstDate, options.eligible], [TODAY, TODAY, addDays(TODAY, 30), true]);
      const novak = await env.harness.open('Novak');
      const paidUp = PlanOptionsSchema.parse((await env.send('/v1/plans/options', novak)).body);
      assert.equal(paidUp.eligible, false);
      assert.equal(paidUp.ineligible?.code, 'balance_too_small');
      assert.equal(paidUp.ineligible?.message, 'Payment plans are for balances of at least $50.00.');
    });

    it('refuses choices outside the policy with 4xx errors that name the rule and what would work', async () => {
      const chen = await env.harness.open('Chen');
      const manual = { mode: 'manual' };
      const tooSmall = refusal(await env.createPlan(chen, { frequency: 'monthly', firstDate: TODAY, payments: 13, payment: manual }), 422, 'installment_too_small');
      assert.equal(tooSmall.message, 'At least $25.00 a payment: up to 12 monthly payments.');
      assert.deepEqual(tooSmall.planRules?.[0]?.nearest, { frequency: 'monthly', minPayments: 1, maxPayments: 12, minAmountCents: 2_500, maxAmountCents: 31_000 });
      assert.deepEqual(tooSmall.issues?.[0]?.path, ['payments']);

      const okafor = await env.harness.open('Okafor');
      const tooLong = refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 30, payment: manual }), 422, 'plan_too_long');
      assert.equal(tooLong.message, 'At most 24 months: up to 24 monthly payments or at least $100.00 a payment.');
      const late = refusal(await env.createPlan(okafor, { frequency: 'weekly', firstDate: addDays(TODAY, 31), payments: 10, payment: manual }), 422, 'first_date_out_of_window');
      assert.deepEqual(late.planRules?.[0]?.nearest, { earliestFirstDate: TODAY, latestFirstDate: addDays(TODAY, 30) });
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, amountCents: 250_000, payment: manual }), 422, 'amount_too_large');

      // Malformed requests are 400s, never 500s.
      refusal(await env.createPlan(okafor, { frequency: 'fortnightly', firstDate: TODAY, payments: 3, payment: manual }), 400, 'invalid_request');
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, amountCents: 5_000, payment: manual }), 400, 'invalid_request');
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: '2026-02-30', payments: 3, payment: manual }), 400, 'invalid_request');
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: { mode: 'automatic', method: 'bank', token: 'tok_abcdefgh1234' } }), 400, 'invalid_request');
      refusal(await env.send('/v1/plans', okafor, { body: { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: manual } }), 400, 'idempotency_key_required');

      const bank = await env.processor.bankToken();
      const card = await env.processor.cardToken(CARDS.visa);
      // A card charged once only (not saved for later payments) cannot pay every installment.
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: automatic(card, env.harness.clock.current.toISOString(), 'card') }), 422, 'autopay_method_unavailable');
      // A card token declared as a bank account: the processor says what it is.
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: automatic(card, env.harness.clock.current.toISOString()) }), 422, 'autopay_method_unavailable');
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: automatic('tok_nosuchtoken123', env.harness.clock.current.toISOString()) }), 422, 'invalid_token');
      const stale = new Date(env.harness.clock.current.getTime() - 2 * 86_400_000).toISOString();
      refusal(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 3, payment: automatic(bank, stale) }), 422, 'authorization_invalid');
      assert.equal(await env.db.selectFrom('plans').select('id').executeTakeFirst(), undefined, 'no refused request made a plan');
    });

    it('makes one plan per Idempotency-Key, keeps the authorization as proof, and the account is no longer past due', async () => {
      const chen = await env.harness.open('Chen');
      assert.equal((await env.account(chen)).nextStep.kind, 'letter_sent');
      const token = await env.processor.bankToken();
      const acceptedAt = env.harness.clock.current.toISOString();
      const body = { frequency: 'monthly', firstDate: addDays(TODAY, 9), payments: 5, payment: automatic(token, acceptedAt) };
      const key = newKey();
      const answers = await Promise.all([1, 2, 3].map(() => env.createPlan(chen, body, key)));
      const plans = answers.map(created);
      assert.equal(new Set(plans.map((p) => p.id)).size, 1);
      const plan = plans[0]!;
      assert.deepEqual(plan.installments.map((i) => [i.dueOn, i.amountCents]), [
        ['2026-12-01', 6_200], ['2027-01-01', 6_200], ['2027-02-01', 6_200], ['2027-03-01', 6_200], ['2027-04-01', 6_200],
      ]);
      assert.deepEqual([plan.status, plan.mode, plan.method, plan.current, plan.remainingCents, plan.paymentsLeft], ['active', 'automatic', 'bank', true, 31_000, 5]);
      assert.deepEqual(plan.authorization, { text: AUTHORIZATION_TEXT, acceptedAt });
      assert.deepEqual(PlanSchema.parse((await env.createPlan(chen, body, key)).body), plan, 'a repeat answers the same plan');
      refusal(await env.createPlan(chen, { ...body, payments: 4 }, key), 409, 'idempotency_conflict');
      refusal(await env.createPlan(chen, body), 409, 'plan_exists');
      assert.equal(Number((await env.db.selectFrom('plans').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', 'acct_demo3').executeTakeFirstOrThrow()).n), 1);

      const proof = await env.db.selectFrom('plan_authorizations').selectAll().where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
      assert.deepEqual([proof.text, new Date(proof.accepted_at).toISOString(), proof.ip_address, proof.user_agent, proof.accepted_by, proof.method_kind], [AUTHORIZATION_TEXT, acceptedAt, '203.0.113.7', 'PlanTest/1.0', 'Wei Chen', 'bank']);
      assert.ok(proof.session_id);

      const account = await env.account(chen);
      assert.deepEqual(account.nextStep, { kind: 'plan_due', amountCents: 6_200, dueDate: '2026-12-01' });
      assert.equal(account.dueDate, '2026-12-01');
      assert.deepEqual([account.plan?.id, account.plan?.current, account.plan?.nextPayment?.dueOn, account.plan?.nextPayment?.amountCents], [plan.id, true, '2026-12-01', 6_200]);
      assert.deepEqual(await env.plan(chen, plan.id), plan);
      // Another account's session cannot see it, nor cancel it.
      const rivera = await env.harness.open('Rivera');
      refusal(await env.send(`/v1/plans/${plan.id}`, rivera), 404, 'plan_not_found');
      refusal(await env.send(`/v1/plans/${plan.id}/cancel`, rivera, { method: 'POST' }), 404, 'plan_not_found');
      // Canceled, so later tests' clock moves charge nothing on it.
      assert.equal(PlanSchema.parse((await env.send(`/v1/plans/${plan.id}/cancel`, chen, { method: 'POST' })).body).status, 'canceled');
      assert.equal((await env.account(chen)).nextStep.kind, 'letter_sent');
    });

    it('charges each due installment once, however often the runner runs', async () => {
      let okafor = await env.harness.open('Okafor');
      const plan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: TODAY, payments: 24, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      assert.ok(plan.installments.every((i) => i.amountCents === 10_000));
      const before = await env.chargesAtProcessor();
      const first = await env.run();
      assert.equal(first.charged, 1);
      await env.run();
      await Promise.all([env.run(), env.run()]);
      assert.equal((await env.chargesAtProcessor()) - before, 1);
      let now = await env.plan(okafor, plan.id);
      assert.deepEqual([now.installments[0]?.status, now.installments[1]?.status, now.nextPayment?.dueOn], ['processing', 'scheduled', '2026-12-22']);
      assert.equal((await env.account(okafor)).balanceCents, 230_000);

      await env.advanceDays(30);
      await env.run();
      await env.run();
      assert.equal((await env.chargesAtProcessor()) - before, 2);
      okafor = await env.harness.open('Okafor');
      now = await env.plan(okafor, plan.id);
      assert.deepEqual(now.installments.slice(0, 3).map((i) => i.status), ['paid', 'processing', 'scheduled']);
      assert.equal(now.paidCents, 20_000);
      const payments = await env.db.selectFrom('payments').select(['amount_cents', 'status']).where('account_id', '=', 'acct_demo2').execute();
      assert.deepEqual(payments.map((p) => p.amount_cents), [10_000, 10_000]);
      const attempts = await env.db.selectFrom('plan_charge_attempts').select(['attempt', 'outcome']).execute();
      assert.equal(attempts.length, 2);
    });

    it('pays off a plan early: one payment for what is left, the rest canceled, nothing charged after', async () => {
      let okafor = await env.harness.open('Okafor');
      const account = await env.account(okafor);
      const planId = account.plan!.id;
      const left = account.plan!.remainingCents;
      assert.equal(left, 220_000);
      const token = await env.processor.cardToken(CARDS.visa);
      const key = newKey();
      const answer = await env.send(`/v1/plans/${planId}/payoff`, okafor, { body: { token }, key });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const payoff = PlanPayoffSchema.parse(answer.body);
      assert.deepEqual([payoff.plan.status, payoff.plan.current, payoff.payment.amountCents, payoff.payment.status], ['paid_off', false, 220_000, 'succeeded']);
      assert.ok(payoff.plan.installments.slice(2).every((i) => i.status === 'canceled'));
      const again = PlanPayoffSchema.parse((await env.send(`/v1/plans/${planId}/payoff`, okafor, { body: { token }, key })).body);
      assert.equal(again.payment.id, payoff.payment.id);
      const after = await env.account(okafor);
      assert.equal(after.balanceCents, 0);
      assert.equal(after.plan, undefined);
      const charges = await env.chargesAtProcessor();
      await env.advanceDays(60);
      await env.run();
      assert.equal(await env.chargesAtProcessor(), charges);
      okafor = await env.harness.open('Okafor');
      refusal(await env.send(`/v1/plans/${planId}/payoff`, okafor, { body: { token: await env.processor.cardToken(CARDS.visa) }, key: newKey() }), 409, 'plan_not_active');
      refusal(await env.send(`/v1/plans/${planId}/cancel`, okafor, { method: 'POST' }), 409, 'plan_not_active');
    });
  });

  describe(`payment plans: failures, cancel, manual plans (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    it('retries a declined installment 3 days later; a second failure in a row makes the plan delinquent, and the account says so', async () => {
      let rivera = await env.harness.open('Rivera');
      const withoutPlan = await env.account(rivera);
      const plan = created(await env.createPlan(rivera, { frequency: 'monthly', firstDate: TODAY, payments: 2, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      // The plan's method starts declining: the sandbox's bank debits never decline on the spot, so
      // its declining card stands in for it (charged through the same path as any installment).
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      assert.deepEqual(plan.installments.map((i) => i.amountCents), [7_125, 7_125]);
      const first = await env.run();
      assert.equal(first.declined, 1);
      let now = await env.plan(rivera, plan.id);
      assert.deepEqual([now.status, now.current, now.installments[0]?.status, now.installments[0]?.failures, now.installments[0]?.retryOn], ['active', true, 'failed', 1, addDays(TODAY, 3)]);
      assert.deepEqual(now.nextPayment, { number: 1, kind: 'installment', dueOn: addDays(TODAY, 3), amountCents: 7_125, retry: true });
      assert.deepEqual((await env.account(rivera)).nextStep, { kind: 'plan_behind', behindCents: 7_125, dueDate: addDays(TODAY, 3) });

      await env.advanceDays(2);
      assert.equal((await env.run()).charged, 0, 'not before the third day');
      await env.advanceDays(1);
      assert.equal((await env.run()).declined, 1);
      rivera = await env.harness.open('Rivera');
      now = await env.plan(rivera, plan.id);
      assert.deepEqual([now.status, now.current, now.delinquentSince, now.installments[0]?.failures], ['delinquent', false, addDays(TODAY, 3), 2]);
      const account = await env.account(rivera);
      assert.deepEqual([account.plan?.status, account.plan?.current], ['delinquent', false]);
      // A delinquent plan no longer shapes what is due: the statements do again.
      assert.equal(account.dueDate, withoutPlan.dueDate);
      assert.notEqual(account.dueDate, addDays(TODAY, 3));
      await env.advanceDays(5);
      assert.equal((await env.run()).charged, 0, 'a delinquent plan is not charged again');
      const attempts = await env.db.selectFrom('payments').select('status').where('account_id', '=', 'acct_demo1').execute();
      assert.deepEqual(attempts.map((a) => a.status), ['declined', 'declined']);
    });

    it('a bank debit that comes back (R01) is a failure too: retried after 3 days, then delinquent', async () => {
      const chen = await env.harness.open('Chen');
      const token = await env.processor.bankToken('000987650001');
      const plan = created(await env.createPlan(chen, { frequency: 'monthly', firstDate: env.today(), payments: 3, payment: automatic(token, env.harness.clock.current.toISOString()) }));
      const start = env.today();
      assert.equal((await env.run()).processing, 1);
      await env.advanceDays(4);
      await env.run();
      let now = await env.plan(await env.harness.open('Chen'), plan.id);
      assert.deepEqual([now.installments[0]?.status, now.installments[0]?.retryOn, now.status], ['failed', addDays(start, 7), 'active']);
      await env.advanceDays(3);
      assert.equal((await env.run()).processing, 1);
      await env.advanceDays(4);
      await env.run();
      now = await env.plan(await env.harness.open('Chen'), plan.id);
      assert.deepEqual([now.status, now.installments[0]?.failures], ['delinquent', 2]);
      const returned = await env.db.selectFrom('payments').select(['status', 'return_code']).where('account_id', '=', 'acct_demo3').execute();
      assert.deepEqual(returned.map((p) => `${p.status}:${p.return_code ?? ''}`), ['returned:R01', 'returned:R01']);
    });

    it('cancels a plan: nothing more is due or charged, and the account may make a new one', async () => {
      const haddad = await env.harness.open('Haddad');
      const first = created(await env.createPlan(haddad, { frequency: 'weekly', firstDate: addDays(env.today(), 7), payments: 2, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      const canceled = PlanSchema.parse((await env.send(`/v1/plans/${first.id}/cancel`, haddad, { method: 'POST' })).body);
      assert.deepEqual([canceled.status, canceled.canceledOn, canceled.installments.map((i) => i.status).join()], ['canceled', env.today(), 'canceled,canceled']);
      assert.deepEqual(PlanSchema.parse((await env.send(`/v1/plans/${first.id}/cancel`, haddad, { method: 'POST' })).body), canceled);
      assert.equal((await env.account(haddad)).plan, undefined);
      const charges = await env.chargesAtProcessor();
      await env.advanceDays(15);
      await env.run();
      assert.equal(await env.chargesAtProcessor(), charges);
      refusal(await env.send('/v1/plans/plan_nope/cancel', await env.harness.open('Haddad'), { method: 'POST' }), 404, 'plan_not_found');
    });

    it('a manual plan is paid through ordinary payments, linked to the installment they cover; missed twice it is delinquent', async () => {
      const haddad = await env.harness.open('Haddad');
      const plan = created(await env.createPlan(haddad, { frequency: 'biweekly', firstDate: addDays(env.today(), 2), amountCents: 3_250, payment: { mode: 'manual' } }));
      assert.deepEqual([plan.mode, plan.installments.map((i) => i.amountCents).join()], ['manual', '3250,3250']);
      assert.equal(plan.authorization, undefined);
      const token = await env.processor.cardToken(CARDS.visa);
      const paid = await env.send('/v1/payments', haddad, { body: { amountCents: 3_250, token }, key: newKey() });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      const payment = PaymentSchema.parse(paid.body);
      let now = await env.plan(haddad, plan.id);
      assert.deepEqual([now.installments[0]?.status, now.installments[0]?.paymentId, now.nextPayment?.number], ['paid', payment.id, 2]);
      assert.equal((await env.run()).charged, 0, 'a manual plan is never charged');

      // The second is due 16 days from now: missed, due again 3 days later, missed again.
      await env.advanceDays(17);
      await env.run();
      now = await env.plan(await env.harness.open('Haddad'), plan.id);
      assert.deepEqual([now.status, now.installments[1]?.status, now.installments[1]?.failures], ['active', 'failed', 1]);
      await env.advanceDays(3);
      const later = await env.harness.open('Haddad');
      now = await env.plan(later, plan.id);
      assert.equal(now.status, 'delinquent');
      assert.equal((await env.account(later)).plan?.status, 'delinquent');
    });

    it('charges every installment of an automatic plan to a card the patient saved for it', async () => {
      const okafor = await env.harness.open('Okafor');
      const saved = await env.processor.card(CARDS.visa, { reusable: true });
      assert.equal(saved.status, 201);
      assert.equal((saved.body as { reusable?: boolean }).reusable, true);
      const plan = created(
        await env.createPlan(okafor, { frequency: 'weekly', firstDate: env.harness.clock.current.toISOString().slice(0, 10), payments: 3, payment: automatic(saved.body.id, env.harness.clock.current.toISOString(), 'card') }),
      );
      assert.equal(plan.method, 'card');
      assert.equal((await env.run()).charged, 1);
      await env.advanceDays(7);
      assert.equal((await env.run()).charged, 1, 'the saved card is charged again a week later');
      const now = await env.plan(await env.harness.open('Okafor'), plan.id);
      assert.deepEqual(now.installments.map((i) => i.status), ['paid', 'paid', 'scheduled']);
    });
  });
  describe(`payment plans: canceling while a payment is at the processor (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    it('does not cancel a plan while one of its payments is at the processor, which may still go through', async () => {
      const session = await env.harness.open('Okafor');
      const saved = await env.processor.card(CARDS.visa, { reusable: true });
      const plan = created(await env.createPlan(session, { frequency: 'weekly', firstDate: env.today(), payments: 3, payment: automatic(saved.body.id, env.harness.clock.current.toISOString(), 'card') }));
      // The processor cannot be reached: the installment is claimed, its payment written, not answered.
      assert.equal((await env.run(env.processor.gateway(() => false))).deferred, 1);
      const busy = refusal(await env.send(`/v1/plans/${plan.id}/cancel`, session, { method: 'POST' }), 409, 'plan_busy');
      assert.match(busy.message, /may still go through|cannot be canceled yet/);
      // Once the processor answers, the payment is driven on and recorded; then the plan cancels.
      env.harness.clock.advance(3);
      await env.run();
      const paid = await env.plan(session, plan.id);
      assert.equal(paid.installments[0]?.status, 'paid');
      const canceled = await env.send(`/v1/plans/${plan.id}/cancel`, session, { method: 'POST' });
      assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
      assert.deepEqual(PlanSchema.parse(canceled.body).installments.map((i) => i.status), ['paid', 'canceled', 'canceled']);
    });
  });

  describe(`payment plans: catching up after falling behind (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    const daysUntil = (date: string) => Math.round((Date.parse(date) - Date.parse(env.today())) / 86_400_000);
    const pay = async (token: string, amountCents: number) => {
      const answer = await env.send('/v1/payments', token, { body: { amountCents, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return PaymentSchema.parse(answer.body);
    };

    it('a delinquent automatic plan is current again once the patient pays what it is behind, and is charged again from its next date, never for what they paid', async () => {
      const okafor = await env.harness.open('Okafor');
      const plan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: env.today(), payments: 12, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      assert.equal((await env.run()).declined, 1);
      let now = await env.plan(okafor, plan.id);
      assert.deepEqual([now.status, now.behindCents], ['active', 20_000], 'one failure: behind, retried in 3 days');
      await env.advanceDays(3);
      assert.equal((await env.run()).declined, 1);
      let session = await env.harness.open('Okafor');
      let account = await env.account(session);
      assert.deepEqual([account.plan?.status, account.plan?.current, account.plan?.behindCents], ['delinquent', false, 20_000]);

      // Half of it is not enough: the plan stays behind, and the credit is kept for the rest.
      await pay(session, 10_000);
      account = await env.account(session);
      assert.deepEqual([account.plan?.status, account.plan?.behindCents], ['delinquent', 20_000]);
      env.harness.clock.advance(1); // a minute later
      const second = await pay(session, 10_000);
      account = await env.account(session);
      assert.deepEqual([account.plan?.status, account.plan?.current, account.plan?.behindCents, account.plan?.delinquentSince], ['active', true, 0, undefined]);
      assert.deepEqual(account.nextStep, { kind: 'plan_due', amountCents: plan.installments[1]!.amountCents, dueDate: plan.installments[1]!.dueOn });
      now = await env.plan(session, plan.id);
      assert.deepEqual([now.installments[0]?.status, now.installments[0]?.paymentId], ['paid', second.id]);

      // Nothing is charged for the payment the patient made; the next one is charged on its date.
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.visa) }).where('id', '=', plan.id).execute();
      assert.equal((await env.run()).charged, 0);
      await env.advanceDays(daysUntil(plan.installments[1]!.dueOn));
      const report = await env.run();
      assert.deepEqual([report.charged, report.paid], [1, 1]);
      session = await env.harness.open('Okafor');
      now = await env.plan(session, plan.id);
      assert.deepEqual(now.installments.slice(0, 3).map((i) => i.status), ['paid', 'paid', 'scheduled']);
      const attempts = await env.db.selectFrom('plan_charge_attempts as a').innerJoin('plan_installments as i', 'i.id', 'a.installment_id').select(['i.number', 'a.outcome']).where('i.plan_id', '=', plan.id).orderBy('a.created_at').execute();
      assert.deepEqual(attempts.map((a) => `${String(a.number)}:${a.outcome ?? ''}`), ['1:declined', '1:declined', '2:paid']);
      assert.equal((await env.account(session)).balanceCents, 240_000 - 2 * 10_000 - 20_000);
    });

    it('links each installment to the payment that paid it: a bank payment that comes back uncovers only its own', async () => {
      const rivera = await env.harness.open('Rivera');
      const plan = created(await env.createPlan(rivera, { frequency: 'weekly', firstDate: env.today(), amountCents: 2_500, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      await env.run();
      await env.advanceDays(3);
      await env.run();
      await env.advanceDays(4);
      let session = await env.harness.open('Rivera');
      let account = await env.account(session);
      // Delinquent: the failed first payment and the second, due today, are both behind.
      assert.deepEqual([account.plan?.status, account.plan?.behindCents], ['delinquent', 5_000]);

      const bank = await env.send('/v1/payments', session, {
        body: { amountCents: 2_500, token: await env.processor.bankToken('000987650001'), authorization: { text: AUTHORIZATION_TEXT, acceptedAt: env.harness.clock.current.toISOString() } },
        key: newKey(),
      });
      assert.equal(bank.status, 201, JSON.stringify(bank.body));
      env.harness.clock.advance(1);
      const card = await pay(session, 2_500);
      let now = await env.plan(session, plan.id);
      assert.deepEqual(
        now.installments.slice(0, 2).map((i) => [i.status, i.paymentId]),
        [
          ['processing', PaymentSchema.parse(bank.body).id],
          ['paid', card.id],
        ],
      );
      assert.equal(now.status, 'active');

      // The bank debit comes back (R01): only the installment it paid for is owed again (it still
      // names the payment that came back, as an installment whose charge failed does).
      await env.advanceDays(4);
      session = await env.harness.open('Rivera');
      now = await env.plan(session, plan.id);
      assert.deepEqual(
        now.installments.slice(0, 2).map((i) => [i.status, i.paymentId]),
        [
          ['failed', PaymentSchema.parse(bank.body).id],
          ['paid', card.id],
        ],
      );
      account = await env.account(session);
      assert.equal(account.plan?.behindCents, 2_500);
    });

    it('never takes the plan’s own charge for the patient’s payment, even before its outcome is recorded', async () => {
      const haddad = await env.harness.open('Haddad');
      const plan = created(await env.createPlan(haddad, { frequency: 'weekly', firstDate: env.today(), amountCents: 2_500, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      await env.run();
      // A charge made under a charge attempt's key whose outcome a runner had not yet recorded
      // (it stopped in between): to the catch-up it must not look like the patient's payment.
      const second = (await env.db.selectFrom('plan_installments').select('id').where('plan_id', '=', plan.id).where('number', '=', 2).executeTakeFirstOrThrow()).id;
      const key = newKey();
      await env.db.insertInto('plan_charge_attempts').values({ id: `${second}_a1`, installment_id: second, attempt: 1, idempotency_key: key, amount_cents: 2_500, created_at: env.harness.clock.current }).execute();
      await env.db.updateTable('plan_installments').set({ status: 'charging', attempts: 1, claimed_at: env.harness.clock.current }).where('id', '=', second).execute();
      const charged = await env.send('/v1/payments', haddad, { body: { amountCents: 2_500, token: await env.processor.cardToken(CARDS.visa) }, key });
      assert.equal(charged.status, 201, JSON.stringify(charged.body));
      const now = await env.plan(await env.harness.open('Haddad'), plan.id);
      assert.deepEqual([now.installments[0]?.status, now.behindCents], ['failed', 2_500]);
      // And a client may not use the server's own key prefixes for a payment.
      refusal(await env.send('/v1/payments', haddad, { body: { amountCents: 100, token: await env.processor.cardToken(CARDS.visa) }, key: 'plan-installment:x:1:aaaaaaaa' }), 400, 'idempotency_key_reserved');
    });

    it('a delinquent plan paid by hand is current again once the missed payments are paid', async () => {
      const chen = await env.harness.open('Chen');
      const plan = created(await env.createPlan(chen, { frequency: 'monthly', firstDate: addDays(env.today(), 1), amountCents: 10_000, payment: { mode: 'manual' } }));
      assert.deepEqual(plan.installments.map((i) => i.amountCents), [10_000, 10_000, 11_000]);
      await env.advanceDays(2);
      await env.run();
      await env.advanceDays(3);
      await env.run();
      const session = await env.harness.open('Chen');
      let account = await env.account(session);
      assert.deepEqual([account.plan?.status, account.plan?.behindCents], ['delinquent', 10_000]);
      const payment = await pay(session, 10_000);
      account = await env.account(session);
      assert.deepEqual([account.plan?.status, account.plan?.current, account.plan?.behindCents, account.plan?.nextPayment?.number], ['active', true, 0, 2]);
      const now = await env.plan(session, plan.id);
      assert.deepEqual([now.installments[0]?.status, now.installments[0]?.paymentId, now.delinquentSince], ['paid', payment.id, undefined]);
    });
  });
  describe(`payment plans: down payment, and never more than is owed (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    it('charges the down payment the day the plan is made; a plan paid some other way is completed', async () => {
      let okafor = await env.harness.open('Okafor');
      const plan = created(
        await env.createPlan(okafor, { frequency: 'monthly', firstDate: addDays(TODAY, 1), payments: 10, downPaymentCents: 40_000, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }),
      );
      assert.deepEqual(plan.installments.slice(0, 2).map((i) => [i.kind, i.dueOn, i.amountCents]), [['down_payment', TODAY, 40_000], ['installment', addDays(TODAY, 1), 20_000]]);
      const run = await env.run();
      assert.deepEqual([run.charged, run.processing], [1, 1]);
      assert.equal((await env.account(okafor)).balanceCents, 200_000);

      // The patient pays most of the rest by card: the next installment takes only what is owed.
      const paid = await env.send('/v1/payments', okafor, { body: { amountCents: 195_000, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      await env.advanceDays(1);
      await env.run();
      okafor = await env.harness.open('Okafor');
      const payments = await env.db.selectFrom('payments').select('amount_cents').where('account_id', '=', 'acct_demo2').orderBy('created_at').execute();
      assert.deepEqual(payments.map((p) => p.amount_cents), [40_000, 195_000, 5_000]);
      assert.deepEqual((await env.plan(okafor, plan.id)).installments.slice(0, 2).map((i) => [i.status, i.amountCents]), [['processing', 40_000], ['processing', 5_000]]);
      // Once the bank debits have settled, nothing is left to take: the plan is completed.
      await env.advanceDays(4);
      await env.run();
      okafor = await env.harness.open('Okafor');
      const account = await env.account(okafor);
      assert.equal(account.balanceCents, 0);
      assert.equal(account.plan, undefined);
      const now = await env.plan(okafor, plan.id);
      assert.equal(now.status, 'completed');
      assert.ok(now.installments.slice(2).every((i) => i.status === 'canceled'));
      await env.advanceDays(40);
      assert.equal((await env.run()).charged, 0);
    });
  });
}

const postgres = backends.find((backend) => backend.name === 'postgres');

describe('two runners at once over 500 due installments (postgres)', { skip: postgres ? false : 'PostgreSQL is not available' }, () => {
  const ACCOUNTS = 250;
  const INSTALLMENTS = 500;
  let env: Setup;
  before(async () => {
    env = await setupPlans(postgres!);
  });
  after(async () => {
    await env.close();
  });

  it('charges each installment exactly once', async () => {
    const { db } = env;
    // 250 accounts owing $100.00 each, each with an automatic plan of two weekly $50.00 installments.
    await insertLoadAccounts(db, ACCOUNTS, 10_000);
    const tokens = await Promise.all(Array.from({ length: ACCOUNTS }, () => env.processor.bankToken()));
    const { createPlan } = await import('../../src/plans/plans.js');
    for (let i = 0; i < ACCOUNTS; i++) {
      await createPlan({ db, practice: harborPoint, accountId: `acct_load${i}`, now: env.harness.clock.current }, newKey(), {
        frequency: 'weekly',
        firstDate: TODAY,
        payments: 2,
        payment: { mode: 'automatic', method: 'bank', token: tokens[i]!, authorization: { text: AUTHORIZATION_TEXT, acceptedAt: env.harness.clock.current.toISOString() } },
      }, { sessionId: 'load-test', ipAddress: '198.51.100.1', clientHash: 'load-test-address', userAgent: undefined });
    }
    // A week on, both installments of every plan are due.
    env.harness.clock.advance(7 * 1_440);
    const due = await db.selectFrom('plan_installments').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'scheduled').where('next_attempt_on', '<=', env.today()).executeTakeFirstOrThrow();
    assert.equal(Number(due.n), INSTALLMENTS);

    // Two runners, each with its own connection pool, as two servers (or a server and a cron) would be.
    const second = await openDatabase({ url: env.harness.url });
    try {
      const before = await env.chargesAtProcessor();
      const now = env.harness.clock.current;
      const [a, b] = await Promise.all([
        runDueInstallments({ db, gateway: env.gateway, practices, now, batchSize: 20 }),
        runDueInstallments({ db: second.db, gateway: env.gateway, practices, now, batchSize: 20 }),
      ]);
      assert.equal(a.charged + b.charged, INSTALLMENTS);
      assert.ok(a.charged > 0 && b.charged > 0, `both runners took part (${a.charged} and ${b.charged})`);
      assert.equal((await env.chargesAtProcessor()) - before, INSTALLMENTS);
      const perInstallment = await db
        .selectFrom('plan_charge_attempts')
        .select(['installment_id', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('installment_id')
        .execute();
      assert.equal(perInstallment.length, INSTALLMENTS);
      assert.ok(perInstallment.every((row) => Number(row.n) === 1));
      const payments = await db.selectFrom('payments').select([(eb) => eb.fn.countAll<string>().as('n'), sql<number>`sum(amount_cents)::int`.as('total')]).where('account_id', 'like', 'acct_load%').executeTakeFirstOrThrow();
      assert.deepEqual([Number(payments.n), payments.total], [INSTALLMENTS, INSTALLMENTS * 5_000]);
      const ledger = await db.selectFrom('ledger_entries').select(sql<number>`sum(amount_cents)::int`.as('b')).where('account_id', 'like', 'acct_load%').executeTakeFirstOrThrow();
      assert.equal(ledger.b, 0);
      const statuses = await db.selectFrom('plan_installments').select('status').distinct().where('plan_id', 'in', db.selectFrom('plans').select('id').where('account_id', 'like', 'acct_load%')).execute();
      assert.deepEqual(statuses.map((s) => s.status), ['processing']);
      // And again: nothing is due any more.
      const [c, d] = await Promise.all([
        runDueInstallments({ db, gateway: env.gateway, practices, now }),
        runDueInstallments({ db: second.db, gateway: env.gateway, practices, now }),
      ]);
      assert.equal(c.charged + d.charged, 0);
    } finally {
      await second.close();
    }
  });
});

describe('payment plans in the OpenAPI document', () => {
  let env: Setup;
  before(async () => {
    env = await setupPlans(backends[0]!);
  });
  after(async () => {
    await env.close();
  });

  it('documents the plan endpoints with bearer security and the plan schemas', async () => {
    const doc = (await env.send('/v1/openapi.json', '')).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const [path, method] of [
      ['/v1/plans/options', 'get'],
      ['/v1/plans', 'post'],
      ['/v1/plans/{planId}', 'get'],
      ['/v1/plans/{planId}/cancel', 'post'],
      ['/v1/plans/{planId}/payoff', 'post'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      assert.deepEqual(operation?.security, [{ bearer: [] }], path);
      assert.ok(operation?.responses['401'], path);
      assert.ok(operation.responses['200'] ?? operation.responses['201'], path);
    }
    assert.deepEqual(Object.keys(doc.paths['/v1/plans']?.post?.responses ?? {}).sort(), ['201', '400', '401', '403', '404', '409', '413', '415', '422', '503']);
    assert.ok(doc.paths['/v1/plans']?.post?.parameters?.some((p) => p.name === 'Idempotency-Key'));
    for (const name of ['PlanOptions', 'PlanRequest', 'Plan', 'PlanPayoffRequest', 'PlanPayoff']) assert.ok(doc.components.schemas[name], name);
    assert.ok(doc.components.schemas.Plan?.properties?.installments);
    assert.ok(doc.components.schemas.Account?.properties?.plan);
  });
});

describe('run-due: the runner as a command, for a cron (postgres)', { skip: postgres ? false : 'PostgreSQL is not available' }, () => {
  let env: Setup;
  let stopProcessor: (() => void) | undefined;
  before(async () => {
    env = await setupPlans(postgres!);
  });
  after(async () => {
    stopProcessor?.();
    await env.close();
  });

  it('charges the due installment once and prints its counts', async () => {
    // The command runs on the real clock; the plan's first payment is today by it.
    env.harness.clock.current = new Date();
    const okafor = await env.harness.open('Okafor');
    const plan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: env.today(), payments: 12, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
    const port = await new Promise<number>((resolve) => {
      const server = serve({ fetch: env.processor.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
      stopProcessor = () => server.close();
    });
    const runDue = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'run-due'], {
        env: cliEnv({ url: env.harness.url! }, { BILLPAY_SECRET: SECRET, BILLPAY_PROCESSOR_URL: `http://127.0.0.1:${port}` }),
      });
    const before = await env.chargesAtProcessor();
    const first = JSON.parse((await runDue()).stdout.trim()) as Record<string, unknown>;
    assert.deepEqual([first.event, first.charged, first.processing], ['run_due', 1, 1]);
    const second = JSON.parse((await runDue()).stdout.trim()) as Record<string, unknown>;
    assert.equal(second.charged, 0);
    assert.equal((await env.chargesAtProcessor()) - before, 1);
    const now = await env.plan(okafor, plan.id);
    assert.deepEqual([now.installments[0]?.status, now.paidCents], ['processing', 20_000]);
  });
});
