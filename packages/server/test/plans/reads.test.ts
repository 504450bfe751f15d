/**
 * Reads never write: `GET /v1/plans/:id` and `GET /v1/account` show a plan as it stands today,
 * computed from the stored rows and the account's payments, and change no row; the write paths
 * (the installment runner, a payment, bank events) store the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, PaymentSchema } from '@billpay/sdk';
import { backends } from '../support/backends.js';
import { AUTHORIZATION_TEXT, automatic, created, newKey, setupPlans, type Setup } from '../support/plans.js';
import { CARDS } from '../support/processor.js';

/** Every row a plan read could touch: the plan, its installments, and what the account's money did. */
async function rowsOf(env: Setup, planId: string) {
  const { db } = env;
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
  const installments = await db.selectFrom('plan_installments').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
  const count = async (table: 'payments' | 'ledger_entries' | 'plan_charge_attempts') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { plan, installments, payments: await count('payments'), ledger: await count('ledger_entries'), attempts: await count('plan_charge_attempts') };
}

type Rows = Awaited<ReturnType<typeof rowsOf>>;

/** Puts a plan's rows back as they were: as a payment recorded where no plan is brought up to date (recovery after a crash) leaves them. */
async function restore(env: Setup, rows: Rows): Promise<void> {
  await env.db.updateTable('plans').set(rows.plan).where('id', '=', rows.plan.id).execute();
  for (const installment of rows.installments) await env.db.updateTable('plan_installments').set(installment).where('id', '=', installment.id).execute();
}

/** The plan and the account as a patient reads them, asserting that reading them wrote nothing. */
async function read(env: Setup, name: 'Haddad' | 'Rivera', planId: string) {
  const session = await env.harness.open(name);
  const before = await rowsOf(env, planId);
  const plan = await env.plan(session, planId);
  const account = await env.account(session);
  assert.deepEqual(await rowsOf(env, planId), before, 'a read changed no row');
  return { plan, account };
}

for (const backend of backends) {
  describe(`payment plans: reads never write (${backend.name})`, () => {
    let env: Setup;
    before(async () => {
      env = await setupPlans(backend);
    });
    after(async () => {
      await env.close();
    });

    it('shows a manual plan paid by a payment, then missed and delinquent as days pass, writing nothing; the next run stores what was shown', async () => {
      const haddad = await env.harness.open('Haddad');
      const start = env.today();
      const plan = created(await env.createPlan(haddad, { frequency: 'biweekly', firstDate: addDays(start, 2), amountCents: 3_250, payment: { mode: 'manual' } }));
      const unpaid = await rowsOf(env, plan.id);
      const paid = await env.send('/v1/payments', haddad, { body: { amountCents: 3_250, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      const payment = PaymentSchema.parse(paid.body);
      // The payment path stored the link; a read of rows that never got it shows the same.
      const stored = await read(env, 'Haddad', plan.id);
      await restore(env, unpaid);
      let now = await read(env, 'Haddad', plan.id);
      assert.deepEqual(now, stored);
      assert.deepEqual([now.plan.installments[0]?.status, now.plan.installments[0]?.paymentId, now.plan.installments[0]?.paidOn, now.account.plan?.nextPayment?.number], ['paid', payment.id, start, 2]);
      assert.equal((await rowsOf(env, plan.id)).installments[0]?.status, 'scheduled', 'still not stored');

      // The second is due on day 16. No job runs: on day 17 it shows as missed, due again on day 19.
      env.harness.clock.advance(17 * 1_440);
      now = await read(env, 'Haddad', plan.id);
      assert.deepEqual([now.plan.status, now.plan.current, now.plan.installments[1]?.status, now.plan.installments[1]?.failures, now.plan.installments[1]?.retryOn], ['active', true, 'failed', 1, addDays(start, 19)]);
      assert.deepEqual(now.account.nextStep, { kind: 'plan_behind', behindCents: 3_250, dueDate: addDays(start, 19) });
      // Missed again on its new date: delinquent (two misses in a row), and the account says so.
      env.harness.clock.advance(3 * 1_440);
      now = await read(env, 'Haddad', plan.id);
      assert.deepEqual([now.plan.status, now.plan.delinquentSince, now.plan.behindCents, now.plan.installments[1]?.failures], ['delinquent', env.today(), 3_250, 2]);
      assert.deepEqual([now.account.plan?.status, now.account.plan?.current], ['delinquent', false]);

      // The next run stores exactly what the reads showed.
      assert.equal((await env.run()).refreshed >= 1, true);
      const rows = await rowsOf(env, plan.id);
      assert.deepEqual(
        rows.installments.map((i) => [i.status, i.payment_id, i.failures]),
        [
          ['paid', payment.id, 0],
          ['failed', null, 2],
        ],
      );
      assert.deepEqual([rows.plan.status, rows.plan.delinquent_since], ['delinquent', env.today()]);
      assert.deepEqual(await read(env, 'Haddad', plan.id), now);
    });

    it('links each installment of a plan behind to the payment that paid it from the payments alone, and the next run stores those links', async () => {
      const plan = created(await env.createPlan(await env.harness.open('Rivera'), { frequency: 'weekly', firstDate: env.today(), amountCents: 2_500, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      await env.db.updateTable('plans').set({ token: await env.processor.cardToken(CARDS.declined) }).where('id', '=', plan.id).execute();
      await env.run();
      await env.advanceDays(3);
      await env.run();
      await env.advanceDays(4);
      const behind = await read(env, 'Rivera', plan.id);
      assert.deepEqual([behind.plan.status, behind.plan.behindCents], ['delinquent', 5_000]);
      const unpaid = await rowsOf(env, plan.id);

      const session = await env.harness.open('Rivera');
      const bank = await env.send('/v1/payments', session, {
        body: { amountCents: 2_500, token: await env.processor.bankToken(), authorization: { text: AUTHORIZATION_TEXT, acceptedAt: env.harness.clock.current.toISOString() } },
        key: newKey(),
      });
      assert.equal(bank.status, 201, JSON.stringify(bank.body));
      env.harness.clock.advance(1);
      const card = await env.send('/v1/payments', session, { body: { amountCents: 2_500, token: await env.processor.cardToken(CARDS.visa) }, key: newKey() });
      assert.equal(card.status, 201, JSON.stringify(card.body));
      const stored = await read(env, 'Rivera', plan.id);

      // Rows the payments never reached: the read derives the same links, oldest first.
      await restore(env, unpaid);
      const now = await read(env, 'Rivera', plan.id);
      assert.deepEqual(now, stored);
      assert.deepEqual(
        now.plan.installments.slice(0, 2).map((i) => [i.status, i.paymentId]),
        [
          ['processing', PaymentSchema.parse(bank.body).id],
          ['paid', PaymentSchema.parse(card.body).id],
        ],
      );
      assert.deepEqual([now.plan.status, now.plan.behindCents, now.account.plan?.current], ['active', 0, true]);
      assert.deepEqual((await rowsOf(env, plan.id)).installments.slice(0, 2).map((i) => i.status), ['failed', 'scheduled'], 'still not stored');

      assert.equal((await env.run()).charged, 0, 'nothing charged for what the patient paid');
      const rows = await rowsOf(env, plan.id);
      assert.deepEqual(
        rows.installments.slice(0, 2).map((i) => [i.status, i.payment_id]),
        [
          ['processing', PaymentSchema.parse(bank.body).id],
          ['paid', PaymentSchema.parse(card.body).id],
        ],
      );
      assert.equal(rows.plan.status, 'active');
      assert.deepEqual(await read(env, 'Rivera', plan.id), now);
    });
  });
}
