/**
 * The billing office's plan desk, `/admin/v1/plans/{id}...`: a plan with its schedule, attempts and
 * changes, and on the account how each plan is paid (brand or bank and last 4 only); move and
 * skip one installment within policy; change the amount of the installments
 * left, keeping Regulation E's 10 days' notice for automatic debits; cancel. Each change once per
 * Idempotency-Key, recorded with who asked, with its event; another practice's key finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, formatMoney, type Plan } from '@billpay/sdk';
import { AccountDetailSchema } from '@billpay/sdk/admin';
import { PlanChangeResultSchema, PlanDeskSchema } from '@billpay/sdk/admin-desk';
import type { AccountDetail } from '../../src/account-desk/detail.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { deliverDueMessages } from '../../src/messages/delivery.js';
import type { OutgoingEmail } from '../../src/messages/port.js';
import type { PlanChangeView, PlanDeskView } from '../../src/plan-desk/view.js';
import type { PracticeConfig } from '../../src/practices/practices.js';
import { adminCall, adminKey, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { harborPoint, SECRET, TEST_PROXIES, TODAY, type App } from '../support/harness.js';
import { automatic, created, newKey, refusal, setupPlans, type Setup } from '../support/plans.js';

const lakeside: PracticeConfig = { ...harborPoint, id: 'lakeside-clinic', name: 'Lakeside Clinic', allowedOrigins: ['https://lakeside.example'] };
type Changed = PlanDeskView & { change: PlanChangeView };

const open = (plan: Plan) => plan.installments.filter((i) => i.status === 'scheduled' || i.status === 'failed');
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

for (const backend of backends) {
  describe(`the plan desk (${backend.name})`, () => {
    let env: Setup;
    let app: App;
    let reader: { id: string; secret: string };
    let biller: { id: string; secret: string };
    let theirs: { id: string; secret: string };
    let autoPlan: Plan;
    let manualPlan: Plan;

    const view = (id: string, key = reader.secret) => adminCall<PlanDeskView>(app, `/admin/v1/plans/${id}`, key);
    const post = (path: string, body: unknown, key = newKey(), secret = biller.secret) =>
      adminCall<Changed>(app, `/admin/v1/plans/${path}`, secret, { body, headers: { 'idempotency-key': key } });
    const refused = (answer: AdminAnswer, status: number, code: string) => refusal(answer, status, code);

    before(async () => {
      env = await setupPlans(backend);
      app = createApp({
        database: env.harness.database,
        practices: new Map([[harborPoint.id, harborPoint], [lakeside.id, lakeside]]),
        logger: createLogger(() => {}),
        secret: SECRET,
        now: env.harness.clock.now,
        trustedProxies: TEST_PROXIES,
        processor: env.gateway,
      });
      reader = await adminKey(env.harness.database, harborPoint.id, ['read']);
      biller = await adminKey(env.harness.database, harborPoint.id, ['read', 'refunds']);
      theirs = await adminKey(env.harness.database, lakeside.id, ['read', 'refunds']);
      // Okafor pays monthly by bank debit from Friday the 27th; Chen pays by hand.
      const okafor = await env.harness.open('Okafor');
      autoPlan = created(await env.createPlan(okafor, { frequency: 'monthly', firstDate: addDays(TODAY, 5), payments: 6, payment: automatic(await env.processor.bankToken(), env.harness.clock.current.toISOString()) }));
      const chen = await env.harness.open('Chen');
      manualPlan = created(await env.createPlan(chen, { frequency: 'biweekly', firstDate: addDays(TODAY, 2), payments: 6, payment: { mode: 'manual' } }));
    });
    after(() => env.close());

    it('shows a plan of the practice with its schedule, attempts and changes; another practice’s key finds nothing', async () => {
      const answer = await view(autoPlan.id);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.plan.installments.map((i) => i.dueOn), ['2026-11-27', '2026-12-27', '2027-01-27', '2027-02-27', '2027-03-27', '2027-04-27']);
      assert.deepEqual([answer.body.attempts, answer.body.changes], [[], []]);
      assert.deepEqual(PlanDeskSchema.safeParse(answer.body).error?.issues, undefined, 'the console’s schema reads the answer');
      assert.match(answer.body.accountNumber, /\S/);
      const theirsAnswer = refused(await view(autoPlan.id, theirs.secret), 404, 'plan_not_found');
      const none = refused(await view('plan_nosuchplan', theirs.secret), 404, 'plan_not_found');
      assert.deepEqual({ ...theirsAnswer, requestId: '' }, { ...none, requestId: '' });
      refused(await view('p'.repeat(65)), 404, 'plan_not_found');
      refused(await post(`${autoPlan.id}/cancel`, { reason: 'hardship' }, newKey(), theirs.secret), 404, 'plan_not_found');
      assert.equal((await view(autoPlan.id)).body.plan.status, 'active', 'their key changed nothing');
    });

    it('shows staff how each plan on an account is paid: the bank account’s type, bank and last 4, never its number or token', async () => {
      const accountOf = async (plan: Plan) => (await env.db.selectFrom('plans').select('account_id').where('id', '=', plan.id).executeTakeFirstOrThrow()).account_id;
      const okafor = await adminCall<AccountDetail>(app, `/admin/v1/accounts/${await accountOf(autoPlan)}`, reader.secret);
      assert.equal(okafor.status, 200, JSON.stringify(okafor.body));
      assert.deepEqual(AccountDetailSchema.safeParse(okafor.body).error?.issues, undefined, 'the console’s schema reads the answer');
      const shown = okafor.body.plans.find((plan) => plan.id === autoPlan.id);
      assert.equal(shown?.mode, 'automatic');
      assert.deepEqual({ ...shown?.paymentMethod, bankName: undefined }, { kind: 'bank', last4: '6789', accountType: 'checking', bankName: undefined });
      assert.deepEqual(Object.keys(shown?.paymentMethod ?? {}).filter((key) => !['kind', 'last4', 'accountType', 'bankName'].includes(key)), [], 'nothing else of the account');
      const stored = await env.db.selectFrom('plans').select('token').where('id', '=', autoPlan.id).executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(okafor.body), new RegExp(`000123456789|${stored.token ?? 'no token stored'}`), 'no account number, no token');
      const chen = await adminCall<AccountDetail>(app, `/admin/v1/accounts/${await accountOf(manualPlan)}`, reader.secret);
      const manual = chen.body.plans.find((plan) => plan.id === manualPlan.id);
      assert.deepEqual([manual?.mode, manual?.paymentMethod], ['manual', undefined]);
    });

    it('moves one installment within policy, once per key, recorded with who asked', async () => {
      const key = newKey();
      const moved = await post(`${autoPlan.id}/installments/2/move`, { dueOn: '2027-01-05', reason: 'requested_by_patient', note: 'Paid on the 5th' }, key);
      assert.equal(moved.status, 201, JSON.stringify(moved.body));
      assert.deepEqual(PlanChangeResultSchema.safeParse(moved.body).error?.issues, undefined, 'the console’s schema reads the answer');
      assert.deepEqual([moved.body.change.kind, moved.body.change.installmentNumber, moved.body.change.detail['fromDate'], moved.body.change.detail['dueOn']], ['move', 2, '2026-12-27', '2027-01-05']);
      assert.deepEqual(moved.body.change.requestedBy, { apiKeyId: biller.id, staffId: null });
      assert.equal(moved.body.plan.installments[1]!.dueOn, '2027-01-05');
      const again = await post(`${autoPlan.id}/installments/2/move`, { dueOn: '2027-01-05', reason: 'requested_by_patient', note: 'Paid on the 5th' }, key);
      assert.equal(again.status, 200);
      assert.equal(again.body.change.id, moved.body.change.id);
      assert.equal(again.body.changes.length, 1, 'a repeated key changes nothing more');
      refused(await post(`${autoPlan.id}/installments/2/move`, { dueOn: '2027-01-06', reason: 'requested_by_patient' }, key), 409, 'idempotency_conflict');

      const db = env.harness.database.db;
      const audit = await db.selectFrom('audit_events').select(['api_key_id', 'account_id', 'detail']).where('detail', 'like', 'POST /admin/v1/plans/%').orderBy('at').execute();
      assert.ok(audit.some((row) => row.api_key_id === biller.id && row.detail?.endsWith('201') && row.account_id !== null));
      const events = await db.selectFrom('events').select(['type', 'data']).where('type', '=', 'plan.changed').execute();
      assert.equal(events.length, 1);
      assert.deepEqual([events[0]!.data['change'], events[0]!.data['dueOn'], events[0]!.data['planId']], ['move', '2027-01-05', autoPlan.id]);
    });

    it('refuses a move out of policy with the days it may move to', async () => {
      const tooFar = refused(await post(`${autoPlan.id}/installments/3/move`, { dueOn: '2027-02-27', reason: 'hardship' }), 422, 'move_out_of_window');
      assert.match(tooFar.message, /from 2027-01-05 to 2027-02-26/);
      refused(await post(`${autoPlan.id}/installments/6/move`, { dueOn: '2027-05-01', reason: 'hardship' }), 422, 'move_out_of_window');
      // An automatic plan's installment may not move to today: today's charge may be running.
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: TODAY, reason: 'hardship' }), 422, 'move_out_of_window');
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: '2026-11-27', reason: 'hardship' }), 409, 'nothing_to_change');
      refused(await post(`${autoPlan.id}/installments/99/move`, { dueOn: '2026-11-28', reason: 'hardship' }), 404, 'installment_not_found');
      refused(await post(`${autoPlan.id}/installments/abc/move`, { dueOn: '2026-11-28', reason: 'hardship' }), 404, 'installment_not_found');
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: '2026-02-30', reason: 'hardship' }), 400, 'invalid_request');
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: '2026-11-28', reason: 'because' }), 400, 'invalid_request');
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: '2026-11-28', reason: 'hardship', note: 'x'.repeat(501) }), 400, 'invalid_request');
      refused(await post(`${autoPlan.id}/installments/1/move`, { dueOn: '2026-11-28', reason: 'hardship' }, newKey(), reader.secret), 403, 'insufficient_scope');
      refused(await adminCall(app, `/admin/v1/plans/${autoPlan.id}/installments/1/move`, biller.secret, { body: { dueOn: '2026-11-28', reason: 'hardship' } }), 400, 'idempotency_key_required');
    });

    it('changes the amount of the installments left, not those due within 10 days, and records that the patient must be told', async () => {
      const before = (await view(autoPlan.id)).body.plan;
      const left = sum(open(before).map((i) => i.amountCents));
      const first = before.installments[0]!;
      const covered = left - first.amountCents;
      const amountCents = before.installmentCents * 2;
      const { account_id: okaforId } = await env.db.selectFrom('plans').select('account_id').where('id', '=', autoPlan.id).executeTakeFirstOrThrow();
      await env.db.updateTable('accounts').set({ email: 'chidi.okafor@example.com', preferred_language: 'es' }).where('id', '=', okaforId).execute();
      const changed = await post(`${autoPlan.id}/amount`, { amountCents, reason: 'hardship' });
      assert.equal(changed.status, 201, JSON.stringify(changed.body));
      const { change, plan } = changed.body;
      assert.deepEqual([change.kind, change.noticeRequired, change.effectiveFrom], ['amount', true, '2027-01-05']);
      assert.equal(change.detail['coveredCents'], covered);
      assert.equal(plan.installments[0]!.amountCents, first.amountCents, 'the debit due in 5 days keeps its amount (Regulation E)');
      assert.equal(sum(open(plan).map((i) => i.amountCents)), left, 'the plan still covers exactly what it did');
      const rest = open(plan).slice(1);
      assert.ok(rest.length < 5, 'fewer, larger installments');
      assert.ok(rest.slice(0, -1).every((i) => i.amountCents === amountCents));
      assert.ok(rest.every((i) => i.amountCents >= harborPoint.planPolicy!.minInstallmentCents));
      const event = await env.harness.database.db.selectFrom('events').select('data').where('type', '=', 'plan.changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual([event.data['change'], event.data['noticeRequired'], event.data['effectiveFrom']], ['amount', true, '2027-01-05']);

      // Regulation E's notice, queued with the change and emailed in the patient's language: the new amount, from when, each payment left.
      const sent: OutgoingEmail[] = [];
      const email = { kind: 'test', send: (m: OutgoingEmail) => (sent.push(m), Promise.resolve({ ok: true as const, providerId: null })) };
      await deliverDueMessages({ db: env.db, secret: SECRET, practices: new Map([[harborPoint.id, harborPoint]]), channels: { email }, now: env.harness.clock.now, publicUrl: () => 'https://billing.example', payPageUrl: () => 'https://harborpoint.example/pay' });
      const notice = sent.find((m) => m.subject.startsWith('Cambia el monto'));
      assert.ok(notice, JSON.stringify(sent.map((m) => m.subject)));
      assert.equal(notice.to, 'chidi.okafor@example.com');
      assert.ok(notice.text.includes(`A partir del 5 de enero de 2027, cada pago será de ${formatMoney(amountCents, 'es-US')}`), notice.text);
      for (const i of rest) assert.ok(notice.text.includes(formatMoney(i.amountCents, 'es-US')), notice.text);
      assert.match(notice.html, /<caption[^>]*>Sus pagos de ahora en adelante<\/caption>/);
      assert.equal(notice.headers['List-Unsubscribe'], undefined, 'a required notice has no unsubscribe');
      // The manual plan's change below needs no notice: none is queued for it.

      refused(await post(`${autoPlan.id}/amount`, { amountCents: 2_499, reason: 'hardship' }), 422, 'installment_too_small');
      refused(await post(`${autoPlan.id}/amount`, { amountCents: left * 10, reason: 'hardship' }), 422, 'amount_too_large');
      refused(await post(`${autoPlan.id}/amount`, { amountCents: 0, reason: 'hardship' }), 400, 'invalid_request');
      refused(await post(`${autoPlan.id}/amount`, { amountCents: 12.5, reason: 'hardship' }), 400, 'invalid_request');
    });

    it('changes a manual plan’s amounts from the next installment, with no notice needed', async () => {
      const before = manualPlan.installments;
      const changed = await post(`${manualPlan.id}/amount`, { amountCents: 2_500, reason: 'requested_by_patient' });
      assert.equal(changed.status, 201, JSON.stringify(changed.body));
      assert.deepEqual([changed.body.change.noticeRequired, changed.body.change.effectiveFrom], [false, before[0]!.dueOn]);
      const plan = changed.body.plan;
      assert.equal(sum(open(plan).map((i) => i.amountCents)), sum(before.map((i) => i.amountCents)));
      assert.ok(open(plan).length > before.length, 'more, smaller installments, at the plan’s own rhythm');
      const notices = await env.db.selectFrom('messages').select('data').where('kind', '=', 'plan_amount_notice').execute();
      assert.ok(notices.every((n) => n.data['planId'] !== manualPlan.id), 'no notice for a manual plan');
      const dates = open(plan).map((i) => i.dueOn);
      assert.deepEqual(dates, dates.map((_, n) => addDays(before[0]!.dueOn, 14 * n)));
    });

    it('skips one installment to one period past the last, within the plan’s length', async () => {
      const before = (await view(autoPlan.id)).body.plan;
      const lastDate = before.lastDate;
      const skipped = await post(`${autoPlan.id}/installments/1/skip`, { reason: 'hardship' });
      assert.equal(skipped.status, 201, JSON.stringify(skipped.body));
      const plan = skipped.body.plan;
      assert.equal(plan.installments[0]!.status, 'canceled');
      const added = plan.installments.at(-1)!;
      assert.deepEqual([added.status, added.amountCents, added.dueOn], ['scheduled', before.installments[0]!.amountCents, skipped.body.change.detail['dueOn']]);
      assert.ok(added.dueOn > lastDate);
      assert.equal(plan.lastDate, added.dueOn);
      assert.equal(sum(open(plan).map((i) => i.amountCents)), sum(open(before).map((i) => i.amountCents)));
      refused(await post(`${autoPlan.id}/installments/1/skip`, { reason: 'hardship' }), 409, 'installment_closed');
    });

    it('leaves alone an installment being charged', async () => {
      const db = env.harness.database.db;
      const second = `${autoPlan.id}_2`;
      await db.updateTable('plan_installments').set({ status: 'charging' }).where('id', '=', second).execute();
      try {
        refused(await post(`${autoPlan.id}/installments/2/move`, { dueOn: '2027-01-06', reason: 'hardship' }), 409, 'installment_busy');
        refused(await post(`${autoPlan.id}/installments/2/skip`, { reason: 'hardship' }), 409, 'installment_busy');
        refused(await post(`${autoPlan.id}/cancel`, { reason: 'hardship' }), 409, 'plan_busy');
      } finally {
        await db.updateTable('plan_installments').set({ status: 'scheduled' }).where('id', '=', second).execute();
      }
    });

    it('shows the charge attempts, then cancels the plan once; nothing changes after', async () => {
      // Installment 2 was moved to 5 January: the runner charges it then.
      await env.advanceDays(44);
      const report = await env.run();
      assert.ok(report.charged >= 1, JSON.stringify(report));
      const shown = (await view(autoPlan.id)).body;
      assert.deepEqual(shown.attempts.map((a) => [a.installmentNumber, a.attempt, a.outcome]), [[2, 1, 'processing']]);

      const canceled = await post(`${autoPlan.id}/cancel`, { reason: 'requested_by_patient' });
      assert.equal(canceled.status, 201, JSON.stringify(canceled.body));
      assert.equal(canceled.body.plan.status, 'canceled');
      assert.equal(canceled.body.change.kind, 'cancel');
      assert.deepEqual(canceled.body.changes.map((c) => c.kind), ['move', 'amount', 'skip', 'cancel']);
      const events = await env.harness.database.db.selectFrom('events').select('type').where('type', '=', 'plan.canceled').execute();
      assert.equal(events.length, 1);
      refused(await post(`${autoPlan.id}/cancel`, { reason: 'requested_by_patient' }), 409, 'plan_not_active');
      refused(await post(`${autoPlan.id}/installments/3/move`, { dueOn: '2027-01-28', reason: 'hardship' }), 409, 'plan_not_active');
    });
  });
}
