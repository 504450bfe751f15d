/**
 * The billing office's account desk (`/admin/v1/accounts`): finding an account by each kind of
 * term, what a result shows (and masks), another practice's accounts never seen, the account in
 * full (Rivera, with a refund and a returned payment), fees added and waived exactly once and
 * what the patient then sees, scopes, and the account's audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { sql } from 'kysely';
import type { AccountDetail } from '../../src/account-desk/detail.js';
import type { FeeView } from '../../src/account-desk/fees.js';
import type { SearchResult } from '../../src/account-desk/search.js';
import type { AuditTrailPage } from '../../src/account-desk/audit-trail.js';
import type { EstimateTables } from '../../src/db/estimates-migration.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import type { PracticeConfig } from '../../src/practices/practices.js';
import { lastNameKey } from '../../src/lookup/lookup.js';
import { adminCall, adminKey, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { demo, harborPoint, openHarness, SECRET, TEST_PROXIES, TODAY, type App, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

const lakeside: PracticeConfig = { ...harborPoint, id: 'lakeside-clinic', name: 'Lakeside Clinic', allowedOrigins: ['https://lakeside.example'] };
const RIVERA = 'acct_demo1';

function refused(answer: AdminAnswer, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ApiErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  return error;
}

for (const backend of backends) {
  describe(`the account desk (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let app: App;
    const logLines: string[] = [];
    let reader: { id: string; prefix: string; secret: string };
    let biller: { id: string; prefix: string; secret: string };
    let importer: { id: string; secret: string };
    let theirs: { id: string; secret: string };

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
      app = createApp({
        database: harness.database,
        practices: new Map([[harborPoint.id, harborPoint], [lakeside.id, lakeside]]),
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        processor: api.gateway,
      });
      reader = await adminKey(harness.database, harborPoint.id, ['read']);
      biller = await adminKey(harness.database, harborPoint.id, ['read', 'refunds']);
      importer = await adminKey(harness.database, harborPoint.id, ['import']);
      theirs = await adminKey(harness.database, lakeside.id, ['read', 'refunds']);
      let made = 0;
      const account = (id: string, practiceId: string, first: string, last: string, dateOfBirth: string, more: { email?: string; mobile_phone?: string } = {}) => ({
        id, practice_id: practiceId, account_number: id.toUpperCase().replace('ACCT_', 'T-'), bill_id: `7${String(++made).padStart(11, '0')}`,
        first_name: first, last_name: last, last_name_key: lastNameKey(last), date_of_birth: dateOfBirth, coverage: 'self_pay' as const, ...more,
      });
      await harness.database.db
        .insertInto('accounts')
        .values([
          account('acct_nunez1', harborPoint.id, 'Carlos', 'Nunez', '1990-07-15', { email: 'Carlos.Nunez@example.com', mobile_phone: '+12035550142' }),
          account('acct_nunez2', harborPoint.id, 'Ana', 'Núñez', '1962-01-30'),
          account('acct_rivera2', harborPoint.id, 'Marco', 'Rivera', '1985-04-12'),
          // Lakeside's patients: a Rivera born the day Daniela was, with the same phone as Carlos.
          account('acct_lake1', lakeside.id, 'Daniela', 'Rivera', demo('Rivera').dateOfBirth, { email: 'carlos.nunez@example.com', mobile_phone: '+12035550142' }),
          ...Array.from({ length: 30 }, (_, i) => account(`acct_smith${i}`, harborPoint.id, `Pat${i}`, 'Smith', '1970-01-01')),
        ])
        .execute();
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const search = (q: unknown, key = reader.secret) => adminCall<SearchResult>(app, '/admin/v1/accounts/search', key, { body: { q } });
    const found = async (q: string) => {
      const answer = await search(q);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.data.map((match) => `${match.firstName} ${match.lastName}`).sort();
    };
    const detail = (id: string, key = reader.secret) => adminCall<AccountDetail>(app, `/admin/v1/accounts/${id}`, key);
    const addFee = (id: string, body: unknown, idempotencyKey = newKey(), key = biller.secret) => adminCall<FeeView>(app, `/admin/v1/accounts/${id}/fees`, key, { body, headers: { 'idempotency-key': idempotencyKey } });
    const waive = (id: string, feeId: string, body: unknown, idempotencyKey = newKey(), key = biller.secret) =>
      adminCall<FeeView>(app, `/admin/v1/accounts/${id}/fees/${feeId}/waive`, key, { body, headers: { 'idempotency-key': idempotencyKey } });

    it('finds accounts by name (any case, any accents, first or last, by its beginning)', async () => {
      assert.deepEqual(await found('núñez'), ['Ana Núñez', 'Carlos Nunez']);
      assert.deepEqual(await found('NUNEZ'), ['Ana Núñez', 'Carlos Nunez']);
      assert.deepEqual(await found('nu\u0301n\u0303ez'), ['Ana Núñez', 'Carlos Nunez'], 'typed with combining accents');
      assert.deepEqual(await found('dani riv'), ['Daniela Rivera']);
      assert.deepEqual(await found('Rivera'), ['Daniela Rivera', 'Marco Rivera']);
      assert.deepEqual(await found('zzyzx'), []);
      // A name changed later (an import's correction) is found by its new spelling.
      await harness.database.db.updateTable('accounts').set({ first_name: 'Íñigo', last_name: 'Ñandú' }).where('id', '=', 'acct_smith29').execute();
      assert.deepEqual(await found('inigo nandu'), ['Íñigo Ñandú']);
    });

    it('finds accounts by date of birth, account number, Bill ID, mobile phone and email, and by terms together', async () => {
      const rivera = demo('Rivera');
      assert.deepEqual(await found(rivera.dateOfBirth), ['Daniela Rivera']);
      assert.deepEqual(await found('03/09/1984'), ['Daniela Rivera']);
      assert.deepEqual(await found('3/9/1984'), ['Daniela Rivera']);
      assert.deepEqual(await found('a-100234'), ['Daniela Rivera']);
      assert.deepEqual(await found('2025 1104 0018'), ['Daniela Rivera']);
      assert.deepEqual(await found('2025-1104-0018'), ['Daniela Rivera']);
      assert.deepEqual(await found(rivera.billId), ['Daniela Rivera']);
      for (const phone of ['(203) 555-0142', '203.555.0142', '+1 203 555 0142', '2035550142']) assert.deepEqual(await found(phone), ['Carlos Nunez'], phone);
      assert.deepEqual(await found('carlos.nunez@EXAMPLE.com'), ['Carlos Nunez']);
      assert.deepEqual(await found('rivera 1985-04-12'), ['Marco Rivera']);
      assert.deepEqual(await found('daniela rivera 1985-04-12'), []);
    });

    it('shows enough to tell patients apart and no more: contact details masked, the balance, the id', async () => {
      const carlos = (await search('2035550142')).body.data[0]!;
      assert.deepEqual(carlos, {
        id: 'acct_nunez1', accountNumber: 'T-NUNEZ1', firstName: 'Carlos', lastName: 'Nunez', dateOfBirth: '1990-07-15',
        mobilePhone: '***-***-0142', email: 'C***@example.com', balanceCents: 0,
      });
      const answer = await search('rivera');
      assert.doesNotMatch(JSON.stringify(answer.body), /2035550142|nunez@|bill_?id|billId/i);
      assert.equal(answer.body.data.find((m) => m.id === RIVERA)?.balanceCents, demo('Rivera').expectedBalanceCents);
    });

    it('never shows another practice’s accounts, and their key never sees ours', async () => {
      assert.ok(!(await search('rivera')).body.data.some((m) => m.id === 'acct_lake1'));
      assert.ok(!(await search('carlos.nunez@example.com')).body.data.some((m) => m.id === 'acct_lake1'));
      const lake = await search('rivera', theirs.secret);
      assert.deepEqual(lake.body.data.map((m) => m.id), ['acct_lake1']);
      const ours = refused(await detail(RIVERA, theirs.secret), 404, 'account_not_found');
      const none = refused(await detail('acct_nosuchaccount', theirs.secret), 404, 'account_not_found');
      assert.deepEqual({ ...ours, requestId: '' }, { ...none, requestId: '' });
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}/audit`, theirs.secret), 404, 'account_not_found');
      refused(await addFee(RIVERA, { amountCents: 500, reason: 'invoicing_fee' }, newKey(), theirs.secret), 404, 'account_not_found');
    });

    it('bounds what a search answers and what it takes: 4xx, never 5xx', async () => {
      const smiths = await search('smith');
      assert.equal(smiths.body.data.length, 25);
      assert.equal(smiths.body.truncated, true);
      assert.equal((await search('rivera')).body.truncated, false);
      refused(await search('x'.repeat(101)), 400, 'invalid_request');
      refused(await search(''), 400, 'invalid_request');
      refused(await search('!!! ***'), 400, 'invalid_request');
      assert.equal(refused(await search('2025-02-30'), 400, 'invalid_request').issues?.[0]?.code, 'invalid_date');
      refused(await search('a b c d e f g'), 400, 'invalid_request');
      refused(await search(42), 400, 'invalid_request');
      refused(await search('riv\u0000era'), 400, 'invalid_request');
      refused(await search('riv\ud800era'), 400, 'invalid_request');
      refused(await detail('a'.repeat(65)), 404, 'account_not_found');
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}%00`, reader.secret), 400, 'invalid_request');
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}/audit?before=yesterday`, reader.secret), 400, 'invalid_request');
      // What staff typed is in no log line.
      assert.ok(!logLines.some((line) => /smith|rivera|2025-02-30/i.test(line)), 'no search term is logged');
    });

    it('shows Rivera whole: the patient’s view, statements itemized, the whole ledger, a refund and a returned payment', async () => {
      const session = await harness.open('Rivera');
      const card = PaymentSchema.parse((await api.pay(session, { amountCents: 2_000, token: await processor.cardToken(CARDS.visa) }, newKey())).body);
      const refund = await adminCall<{ id: string; processorReference: string }>(app, `/admin/v1/payments/${card.id}/refunds`, biller.secret, {
        body: { amountCents: 500, reason: 'requested_by_patient' }, headers: { 'idempotency-key': newKey() },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      const authorization = { text: 'I authorize Harbor Point Medical Group to debit my checking account once for $30.00 on the date shown.', acceptedAt: harness.clock.current.toISOString() };
      const bank = PaymentSchema.parse((await api.pay(session, { amountCents: 3_000, token: await processor.bankToken('000987650001'), authorization }, newKey())).body);
      await processor.secretCall('/v1/sandbox/clock', { advanceDays: 4 });
      assert.equal(await applyProcessorEvents(harness.database.db, api.gateway, harborPoint, harness.clock.current), 1);

      const answer = await detail(RIVERA);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const view = answer.body;
      assert.deepEqual(view.patientView, await api.account(session), 'the account exactly as the patient sees it');
      assert.deepEqual([view.profile.firstName, view.profile.lastName, view.profile.dateOfBirth, view.profile.accountNumber], ['Daniela', 'Rivera', '1984-03-09', 'A-100234']);
      assert.deepEqual(view.profile.billIds, [demo('Rivera').billId]);
      assert.equal(view.statements.length, 2);
      const visit = view.statements.find((s) => s.lineItems.some((item) => item.code === '99213'))!;
      assert.deepEqual(visit.lineItems[0]!.notes, [{ kind: 'copay_not_paid_at_visit', amountCents: 4_000 }]);

      const cardView = view.payments.find((p) => p.id === card.id)!;
      assert.match(cardView.processorReference ?? '', /^ch_/);
      assert.deepEqual([cardView.status, cardView.refundedCents, cardView.refunds.map((r) => [r.id, r.amountCents, r.status])], ['succeeded', 500, [[refund.body.id, 500, 'succeeded']]]);
      const bankView = view.payments.find((p) => p.id === bank.id)!;
      assert.deepEqual([bankView.status, bankView.returnCode], ['returned', 'R01']);

      const lines = view.ledger.map((e) => [e.kind, e.reason, e.amountCents, e.paymentId ?? null, e.refundId ?? null]);
      assert.deepEqual(lines.filter((l) => l[3] === card.id), [['payment', 'card_payment', -2_000, card.id, null], ['reversal', 'refund', 500, card.id, refund.body.id]]);
      assert.deepEqual(lines.filter((l) => l[3] === bank.id).map((l) => l.slice(0, 3)).sort(), [['fee', 'returned_payment', harborPoint.policies.returnedPaymentFeeCents], ['payment', 'bank_payment', -3_000], ['reversal', 'returned_payment', 3_000]].sort());
      assert.equal(view.ledger.reduce((sum, e) => sum + e.amountCents, 0), view.patientView.balanceCents, 'the ledger adds up to the balance');
      assert.deepEqual(view.fees.map((f) => [f.reason, f.waiver]).sort(), [['invoicing_fee', null], ['returned_payment', null]]);
      assert.deepEqual(view.plans, []);
    });

    it('shows a plan with its schedule, and the estimates of the account', async () => {
      const withEstimate = await harness.database.db.$extendTables<EstimateTables>().selectFrom('estimates').select(['id', 'account_id']).where('account_id', 'is not', null).executeTakeFirstOrThrow();
      const estimates = (await detail(withEstimate.account_id!)).body.estimates;
      assert.ok(estimates.some((e) => e.id === withEstimate.id && /^\d{4}-\d{2}-\d{2}$/.test(e.issuedOn) && e.totalCents > 0));
      const okafor = await harness.open('Okafor');
      const plan = await harness.request<{ id: string }>('/v1/plans', okafor, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify({ frequency: 'monthly', firstDate: TODAY, payments: 3, payment: { mode: 'manual' } }),
      });
      assert.equal(plan.status, 201, JSON.stringify(plan.body));
      const view = (await detail('acct_demo2')).body;
      assert.equal(view.plans.length, 1);
      assert.equal(view.plans[0]!.id, plan.body.id);
      assert.deepEqual(view.plans[0]!.installments.map((i) => i.status), ['scheduled', 'scheduled', 'scheduled']);
      assert.deepEqual(view.plans[0]!.attempts, []);
    });

    it('adds a fee once per key, under a reason, and the patient’s balance and bill show it', async () => {
      const session = await harness.open('Rivera');
      const before = await api.account(session);
      const key = newKey();
      const added = await addFee(RIVERA, { amountCents: 1_500, reason: 'invoicing_fee', note: 'Second statement mailed at the patient’s request' }, key);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.deepEqual([added.body.amountCents, added.body.reason, added.body.note, added.body.waiver], [1_500, 'invoicing_fee', 'Second statement mailed at the patient’s request', null]);
      const again = await addFee(RIVERA, { amountCents: 1_500, reason: 'invoicing_fee', note: 'Second statement mailed at the patient’s request' }, key);
      assert.deepEqual([again.status, again.body.id], [201, added.body.id]);
      const twice = await Promise.all([addFee(RIVERA, { amountCents: 700, reason: 'invoicing_fee' }, `${key}-b`), addFee(RIVERA, { amountCents: 700, reason: 'invoicing_fee' }, `${key}-b`)]);
      assert.equal(twice[0].body.id, twice[1].body.id, 'two at once: one fee');
      refused(await addFee(RIVERA, { amountCents: 1_600, reason: 'invoicing_fee' }, key), 409, 'idempotency_conflict');
      assert.equal((await harness.database.db.selectFrom('ledger_entries').select('id').where('account_id', '=', RIVERA).where('kind', '=', 'fee').where('amount_cents', 'in', [1_500, 700]).execute()).length, 2);

      const afterAdd = await api.account(session);
      assert.equal(afterAdd.balanceCents, before.balanceCents + 2_200);
      assert.ok(afterAdd.fees.some((fee) => fee.id === added.body.id && fee.amountCents === 1_500));
      const newest = afterAdd.statements[0]!;
      assert.equal(added.body.statementId, newest.id, 'on the newest statement by default');
      assert.equal(newest.amountCents, before.statements[0]!.amountCents + 2_200);

      const events = await harness.database.db.selectFrom('events').select(['type', 'data']).where('type', '=', 'fee.added').execute();
      assert.ok(events.some((e) => e.data['feeId'] === added.body.id && e.data['amountCents'] === 1_500 && e.data['accountNumber'] === 'A-100234'));

      refused(await addFee(RIVERA, { amountCents: 0, reason: 'invoicing_fee' }), 400, 'invalid_request');
      refused(await addFee(RIVERA, { amountCents: 100_001, reason: 'invoicing_fee' }), 400, 'invalid_request');
      refused(await addFee(RIVERA, { amountCents: 500, reason: 'because' }), 400, 'invalid_request');
      refused(await addFee(RIVERA, { amountCents: 500, reason: 'invoicing_fee', note: 'n\u0000' }), 400, 'invalid_request');
      refused(await addFee(RIVERA, { amountCents: 500, reason: 'invoicing_fee', statementId: 'stmt_of_someone_else' }), 404, 'statement_not_found');
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}/fees`, biller.secret, { body: { amountCents: 500, reason: 'invoicing_fee' } }), 400, 'idempotency_key_required');
    });

    it('waives a fee once, as a new entry beside it: gone from the patient’s bill, the balance down by it', async () => {
      const session = await harness.open('Rivera');
      const fee = (await addFee(RIVERA, { amountCents: 2_500, reason: 'invoicing_fee' })).body;
      const before = await api.account(session);
      const key = newKey();
      const waived = await waive(RIVERA, fee.id, { reason: 'goodwill', note: 'First late statement' }, key);
      assert.equal(waived.status, 201, JSON.stringify(waived.body));
      assert.equal(waived.body.id, fee.id);
      assert.deepEqual([waived.body.waiver?.reason, waived.body.waiver?.note], ['goodwill', 'First late statement']);
      assert.equal((await waive(RIVERA, fee.id, { reason: 'goodwill', note: 'First late statement' }, key)).body.waiver?.entryId, waived.body.waiver?.entryId);
      refused(await waive(RIVERA, fee.id, { reason: 'other' }), 409, 'fee_already_waived');

      const entries = await harness.database.db.selectFrom('ledger_entries').select(['id', 'kind', 'reason', 'amount_cents']).where('id', 'in', [fee.id, waived.body.waiver!.entryId]).orderBy('amount_cents', 'desc').execute();
      assert.deepEqual(entries.map((e) => [e.kind, e.reason, e.amount_cents]), [['fee', 'invoicing_fee', 2_500], ['adjustment', 'fee_waived', -2_500]], 'the fee stays as it was');
      const afterWaive = await api.account(session);
      assert.equal(afterWaive.balanceCents, before.balanceCents - 2_500);
      assert.ok(!afterWaive.fees.some((f) => f.id === fee.id), 'a waived fee is not on the patient’s bill');
      assert.equal(afterWaive.statements[0]!.amountCents, before.statements[0]!.amountCents - 2_500);
      const statement = await harness.request<{ fees: { id: string }[]; totals: { feesCents: number } }>(`/v1/statements/${fee.statementId}`, session);
      assert.ok(!statement.body.fees.some((f) => f.id === fee.id));
      const events = await harness.database.db.selectFrom('events').select('data').where('type', '=', 'fee.waived').execute();
      assert.deepEqual(events.map((e) => [e.data['feeId'], e.data['amountCents'], e.data['reason']]), [[fee.id, 2_500, 'goodwill']]);

      const charge = await harness.database.db.selectFrom('ledger_entries').select('id').where('account_id', '=', RIVERA).where('kind', '=', 'charge').executeTakeFirstOrThrow();
      refused(await waive(RIVERA, charge.id, { reason: 'other' }), 404, 'fee_not_found');
      refused(await waive(RIVERA, 'le_nosuchentry', { reason: 'other' }), 404, 'fee_not_found');
      refused(await waive('acct_demo2', fee.id, { reason: 'other' }), 404, 'fee_not_found');
      refused(await waive(RIVERA, fee.id, { reason: 'because' }), 400, 'invalid_request');
      const desk = (await detail(RIVERA)).body;
      assert.equal(desk.fees.find((f) => f.id === fee.id)?.waiver?.entryId, waived.body.waiver?.entryId);
    });

    it('needs the read scope to find and see, and the refunds scope to add or waive a fee', async () => {
      refused(await search('rivera', importer.secret), 403, 'insufficient_scope');
      refused(await detail(RIVERA, importer.secret), 403, 'insufficient_scope');
      refused(await adminCall(app, `/admin/v1/accounts/${RIVERA}/audit`, importer.secret), 403, 'insufficient_scope');
      refused(await addFee(RIVERA, { amountCents: 500, reason: 'invoicing_fee' }, newKey(), reader.secret), 403, 'insufficient_scope');
      refused(await waive(RIVERA, 'le_any', { reason: 'other' }, newKey(), reader.secret), 403, 'insufficient_scope');
      refused(await adminCall(app, '/admin/v1/accounts/search', undefined, { body: { q: 'rivera' } }), 401, 'api_key_required');
    });

    it('keeps the account’s audit trail: each call about it, by which key, from where, fees, and the patient’s own visits', async () => {
      const viewed = await detail('acct_demo3');
      await harness.open('Chen');
      const fee = await addFee('acct_demo3', { amountCents: 300, reason: 'invoicing_fee' });
      await search('chen');
      const trail = await adminCall<AuditTrailPage>(app, '/admin/v1/accounts/acct_demo3/audit', reader.secret);
      assert.equal(trail.status, 200, JSON.stringify(trail.body));
      const rows = trail.body.data;
      const apiCall = rows.find((r) => r.requestId === viewed.headers.get('x-request-id'))!;
      assert.deepEqual([apiCall.action, apiCall.actor, apiCall.detail], ['api_call', { type: 'api_key', id: reader.id, label: reader.prefix }, 'GET /admin/v1/accounts/:id 200']);
      assert.match(apiCall.clientHash ?? '', /^[0-9a-f]{64}$/);
      const feeRows = rows.filter((r) => r.requestId === fee.headers.get('x-request-id')).map((r) => [r.action, r.actor]);
      assert.deepEqual(feeRows.sort(), [['api_call', { type: 'api_key', id: biller.id, label: biller.prefix }], ['fee_added', { type: 'api_key', id: biller.id, label: biller.prefix }]].sort());
      assert.ok(rows.some((r) => r.action === 'lookup_succeeded' && r.actor.type === 'patient'));
      assert.ok(!rows.some((r) => r.detail?.includes('search')), 'a search names no account');
      assert.deepEqual([...rows].sort((a, b) => b.at.localeCompare(a.at)).map((r) => r.at), rows.map((r) => r.at), 'newest first');
      const count = await harness.database.db
        .selectFrom('audit_events')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('account_id', '=', 'acct_demo3')
        .where('request_id', '!=', trail.headers.get('x-request-id')!)
        .executeTakeFirstOrThrow();
      assert.equal(rows.length, count.n, 'every row of the account (but the call reading it, written once it answered), no other');
      const older = await adminCall<AuditTrailPage>(app, `/admin/v1/accounts/acct_demo3/audit?before=${encodeURIComponent(rows[0]!.at)}`, reader.secret);
      assert.ok(older.body.data.every((r) => r.at < rows[0]!.at));
      await harness.assertNothingLeaked();
    });
  });
}
