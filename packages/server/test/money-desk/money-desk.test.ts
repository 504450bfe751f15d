/**
 * Money in and out for the billing office, `/admin/v1/money/...`: a practice's day in its own time
 * zone (payments, refunds, returns, totals by method), its deposits reconciled line by line against
 * the sandbox processor's settlement report, the aging of balances; CSV with formulas defused;
 * bad input refused with a 4xx; another practice's key sees none of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { AgingReportSchema, DepositDaySchema, MoneyDaySchema } from '@billpay/sdk/admin-desk';
import { parse } from 'csv-parse/sync';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import type { AgingReport } from '../../src/money-desk/aging.js';
import type { MoneyDay } from '../../src/money-desk/day.js';
import type { DepositDay } from '../../src/money-desk/deposits.js';
import { localDayWindow } from '../../src/money-desk/zone.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import type { PracticeConfig } from '../../src/practices/practices.js';
import { adminCall, adminKey, type AdminAnswer } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, SECRET, TEST_PROXIES, type App, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

const lakeside: PracticeConfig = { ...harborPoint, id: 'lakeside-clinic', name: 'Lakeside Clinic', allowedOrigins: ['https://lakeside.example'] };

/** Monday 7 December 2026: no holiday near. New York is UTC-5. */
const MONDAY = '2026-12-07';

function refused(answer: AdminAnswer, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, code);
}

describe('the practice’s calendar', () => {
  it('spans a day from local midnight to local midnight, daylight saving included', () => {
    assert.deepEqual(localDayWindow('2026-12-07', 'America/New_York'), { from: new Date('2026-12-07T05:00:00Z'), to: new Date('2026-12-08T05:00:00Z') });
    // 8 March 2026: clocks go forward at 2:00, a 23-hour day.
    const spring = localDayWindow('2026-03-08', 'America/New_York');
    assert.deepEqual(spring, { from: new Date('2026-03-08T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') });
    assert.deepEqual(localDayWindow('2026-07-01', 'UTC'), { from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-07-02T00:00:00Z') });
  });
});

for (const backend of backends) {
  describe(`money in and out (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let app: App;
    let reader: { id: string; secret: string };
    let theirs: { id: string; secret: string };
    let importer: { id: string; secret: string };
    const ids = { card: '', late: '', bank: '', nsf: '', declined: '', refund: '', chargeOfCard: '', chargeOfBank: '', chargeOfNsf: '', chargeOfLate: '' };

    /** Both clocks, billpay's and the processor's, at `iso`. */
    const at = (iso: string) => {
      harness.clock.current = new Date(iso);
      processor.base = new Date(iso);
    };
    const authorization = () => ({ text: 'I authorize Harbor Point Medical Group to debit my checking account once.', acceptedAt: harness.clock.current.toISOString() });
    const chargeOf = async (id: string) => (await harness.database.db.selectFrom('payments').select('charge_id').where('id', '=', id).executeTakeFirstOrThrow()).charge_id!;
    const get = <T>(path: string, key = reader.secret) => adminCall<T>(app, path, key);

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
      app = createApp({
        database: harness.database,
        practices: new Map([[harborPoint.id, harborPoint], [lakeside.id, lakeside]]),
        logger: createLogger(() => {}),
        secret: SECRET,
        now: harness.clock.now,
        trustedProxies: TEST_PROXIES,
        processor: api.gateway,
      });
      reader = await adminKey(harness.database, harborPoint.id, ['read']);
      theirs = await adminKey(harness.database, lakeside.id, ['read', 'refunds']);
      importer = await adminKey(harness.database, harborPoint.id, ['import']);
      const biller = await adminKey(harness.database, harborPoint.id, ['refunds']);

      // Monday, 10:00 in New York: a card, two bank debits (one will come back), a declined card.
      at(`${MONDAY}T15:00:00Z`);
      let session = await harness.open('Okafor');
      const pay = async (body: Record<string, unknown>) => {
        const answer = await api.pay(session, body, newKey());
        return PaymentSchema.parse(answer.body).id;
      };
      ids.card = await pay({ amountCents: 3_000, token: await processor.cardToken(CARDS.visa) });
      at(`${MONDAY}T15:01:00Z`);
      ids.bank = await pay({ amountCents: 7_000, token: await processor.bankToken('000123456789'), authorization: authorization() });
      at(`${MONDAY}T15:02:00Z`);
      ids.nsf = await pay({ amountCents: 5_000, token: await processor.bankToken('000987650001'), authorization: authorization() });
      at(`${MONDAY}T15:03:00Z`);
      const declined = await api.pay(session, { amountCents: 2_000, token: await processor.cardToken(CARDS.declined) }, newKey());
      assert.equal(declined.status, 402);
      ids.declined = (await harness.database.db.selectFrom('payments').select('id').where('status', '=', 'declined').executeTakeFirstOrThrow()).id;
      // 22:00 in New York is still Monday there, though Tuesday in UTC.
      at('2026-12-08T03:00:00Z');
      session = await harness.open('Okafor');
      ids.late = await pay({ amountCents: 500, token: await processor.cardToken(CARDS.visa) });

      // Tuesday: a partial refund of Monday's card payment, asked for with a key.
      at('2026-12-08T16:00:00Z');
      const refund = await adminCall<{ id: string; processorReference: string }>(api.app, `/admin/v1/payments/${ids.card}/refunds`, biller.secret, {
        body: { amountCents: 1_000, reason: 'billing_error' },
        headers: { 'idempotency-key': newKey() },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      ids.refund = refund.body.processorReference;

      // Wednesday after 10:00: the bank debits settle, one comes back (R01), and billpay learns of it.
      at('2026-12-09T16:00:00Z');
      await processor.secretCall('/v1/sandbox/clock', { advanceDays: 0 });
      assert.ok((await applyProcessorEvents(harness.database.db, api.gateway, harborPoint, harness.clock.current)) >= 2);
      for (const name of ['card', 'bank', 'nsf', 'late'] as const) ids[`chargeOf${name[0]!.toUpperCase()}${name.slice(1)}` as 'chargeOfCard'] = await chargeOf(ids[name]);

      // Lakeside's own account and payment, the same Monday.
      const db = harness.database.db;
      const okafor = await db.selectFrom('accounts').selectAll().where('last_name', '=', 'Okafor').executeTakeFirstOrThrow();
      await db.insertInto('accounts').values({ ...okafor, id: 'acct_lake1', practice_id: lakeside.id, account_number: 'L-1', bill_id: '900000000009' }).execute();
      await db.insertInto('statements').values({ id: 'stmt_lake1', account_id: 'acct_lake1', statement_date: '2026-06-01', period_start: '2026-05-01', period_end: '2026-05-31', due_date: '2026-07-01', letter_mailed_on: null }).execute();
      await db.insertInto('ledger_entries').values({ account_id: 'acct_lake1', statement_id: 'stmt_lake1', kind: 'charge', reason: 'statement', amount_cents: 12_345, posted_on: '2026-06-01' }).execute();
      await db
        .insertInto('payments')
        .values({
          id: 'pay_lake', practice_id: lakeside.id, account_id: 'acct_lake1', idempotency_key: 'k-lake', request_hash: 'x', confirmation_number: 'LAKE', status: 'succeeded',
          amount_cents: 9_900, statement_id: null, token: 'tok', charge_id: 'ch_lake', method_kind: 'card', brand: 'visa', last4: '4242', wallet: null, decline_code: null,
          return_code: null, remaining_balance_cents: null, authorization_text: null, authorization_accepted_at: null, created_at: new Date(`${MONDAY}T15:00:00Z`), updated_at: new Date(`${MONDAY}T15:00:00Z`),
        })
        .execute();
      await db.insertInto('ledger_entries').values({ account_id: 'acct_lake1', statement_id: null, kind: 'payment', reason: 'card_payment', amount_cents: -9_900, posted_on: MONDAY, payment_id: 'pay_lake' }).execute();
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    it('gives a day’s payments, in the practice’s time zone, whatever became of them, with totals by method', async () => {
      const answer = await get<MoneyDay>(`/admin/v1/money/day?date=${MONDAY}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const day = answer.body;
      assert.deepEqual(MoneyDaySchema.safeParse(day).error?.issues, undefined, 'the console’s schema reads the answer');
      assert.equal(day.timeZone, 'America/New_York');
      assert.deepEqual(
        day.payments.map((p) => [p.paymentId, p.method, p.state, p.amountCents, p.localTime, p.takenBy]),
        [
          [ids.card, 'card', 'succeeded', 3_000, '10:00', 'patient'],
          [ids.bank, 'bank', 'settled', 7_000, '10:01', 'patient'],
          [ids.nsf, 'bank', 'returned', 5_000, '10:02', 'patient'],
          [ids.declined, 'card', 'declined', 2_000, '10:03', 'patient'],
          [ids.late, 'card', 'succeeded', 500, '22:00', 'patient'],
        ],
      );
      assert.equal(day.payments[0]!.processorReference, ids.chargeOfCard);
      assert.deepEqual(day.refunds, [], 'the refund was asked for on Tuesday');
      assert.deepEqual(day.returns, []);
      assert.deepEqual(day.totals, { takenCents: 15_500, payments: 4, declined: 1, refundsCents: 0, returnsCents: 0, netCents: 15_500 });
      assert.deepEqual(day.byMethod.card, { takenCents: 3_500, payments: 2, declined: 1, refundsCents: 0, returnsCents: 0, netCents: 3_500 });
      assert.equal(day.byMethod.bank.takenCents, 12_000);
      assert.ok(!JSON.stringify(day).includes('pay_lake'), 'another practice’s payment never appears');
    });

    it('gives the refunds and returns of their own days', async () => {
      const tuesday = (await get<MoneyDay>('/admin/v1/money/day?date=2026-12-08')).body;
      assert.deepEqual(tuesday.payments, [], 'the 22:00 payment was Monday’s in New York');
      assert.deepEqual(tuesday.refunds.map((r) => [r.paymentId, r.state, r.amountCents, r.processorReference, r.requestedBy]), [[ids.card, 'succeeded', -1_000, ids.refund, 'api_key']]);
      assert.deepEqual(tuesday.totals, { takenCents: 0, payments: 0, declined: 0, refundsCents: -1_000, returnsCents: 0, netCents: -1_000 });
      const wednesday = (await get<MoneyDay>('/admin/v1/money/day?date=2026-12-09')).body;
      assert.deepEqual(wednesday.returns.map((r) => [r.paymentId, r.returnCode, r.amountCents, r.processorReference]), [[ids.nsf, 'R01', -5_000, ids.chargeOfNsf]]);
      assert.equal(wednesday.byMethod.bank.returnsCents, -5_000);
    });

    it('reconciles each deposit day with the processor’s payout, line by line', async () => {
      const deposits = async (date: string) => {
        const answer = await get<DepositDay>(`/admin/v1/money/deposits?date=${date}`);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(DepositDaySchema.safeParse(answer.body).error?.issues, undefined, 'the console’s schema reads the answer');
        return answer.body;
      };
      const tuesday = await deposits('2026-12-08');
      assert.deepEqual(tuesday.byMethod.card, { movements: 1, paymentsCents: 3_000, refundsCents: 0, returnsCents: 0, netCents: 3_000 });
      assert.equal(tuesday.reconciliation.status, 'reconciled', JSON.stringify(tuesday.reconciliation));

      // Wednesday: both debits paid out as they settled (one came back the same day), Tuesday's refund and late card netted.
      const wednesday = await deposits('2026-12-09');
      assert.deepEqual(wednesday.byMethod.bank, { movements: 2, paymentsCents: 12_000, refundsCents: 0, returnsCents: 0, netCents: 12_000 });
      assert.deepEqual(wednesday.byMethod.card, { movements: 2, paymentsCents: 500, refundsCents: -1_000, returnsCents: 0, netCents: -500 });
      assert.equal(wednesday.totals.netCents, 11_500);
      const reconciled = wednesday.reconciliation;
      assert.ok(reconciled.status === 'reconciled', JSON.stringify(reconciled));
      assert.equal(reconciled.processorCents, 11_500);
      assert.equal(reconciled.lines.length, 4);

      // Thursday: the return, taken back out.
      const thursday = await deposits('2026-12-10');
      assert.deepEqual(thursday.byMethod.bank, { movements: 1, paymentsCents: 0, refundsCents: 0, returnsCents: -5_000, netCents: -5_000 });
      assert.equal(thursday.reconciliation.status, 'reconciled', JSON.stringify(thursday.reconciliation));
      assert.ok(!JSON.stringify(await deposits(MONDAY)).includes('ch_lake'));
    });

    it('shows every mismatch with the processor on its own line', async () => {
      const db = harness.database.db;
      // The processor paid a charge billpay never recorded; billpay expects one the processor never made; another's amount differs.
      await processor.database.db.updateTable('charges').set({ amount_cents: 2_900 }).where('id', '=', ids.chargeOfCard).execute();
      processor.base = new Date(`${MONDAY}T18:00:00Z`);
      const stray = await processor.secretCall<{ id: string }>('/v1/charges', { token: await processor.cardToken(CARDS.visa), amountCents: 1_234 }, newKey());
      assert.equal(stray.status, 201);
      const okafor = await db.selectFrom('accounts').select('id').where('last_name', '=', 'Okafor').executeTakeFirstOrThrow();
      await db
        .insertInto('payments')
        .values({
          id: 'pay_ghost', practice_id: harborPoint.id, account_id: okafor.id, idempotency_key: 'k-ghost', request_hash: 'x', confirmation_number: 'GHOST', status: 'succeeded',
          amount_cents: 777, statement_id: null, token: 'tok', charge_id: 'ch_ghost', method_kind: 'card', brand: 'visa', last4: '4242', wallet: null, decline_code: null,
          return_code: null, remaining_balance_cents: null, authorization_text: null, authorization_accepted_at: null, created_at: new Date(`${MONDAY}T18:00:00Z`), updated_at: new Date(`${MONDAY}T18:00:00Z`),
        })
        .execute();
      await db.insertInto('ledger_entries').values({ account_id: okafor.id, statement_id: null, kind: 'payment', reason: 'card_payment', amount_cents: -777, posted_on: MONDAY, payment_id: 'pay_ghost' }).execute();
      try {
        const { body } = await get<DepositDay>('/admin/v1/money/deposits?date=2026-12-08');
        assert.ok(body.reconciliation.status === 'mismatched', JSON.stringify(body.reconciliation));
        assert.deepEqual(DepositDaySchema.safeParse(body).error?.issues, undefined, 'the console’s schema reads a mismatch');
        assert.deepEqual(
          body.reconciliation.lines.map((l) => [l.status, l.type, l.processorReference, l.expectedCents, l.processorCents, l.differenceCents]),
          [
            ['not_in_payout', 'payment', 'ch_ghost', 777, null, -777],
            ['not_in_billpay', 'payment', stray.body.id, null, 1_234, 1_234],
            ['amount_differs', 'payment', ids.chargeOfCard, 3_000, 2_900, -100],
          ],
        );
        assert.equal(body.reconciliation.differenceCents, 2_900 + 1_234 - 3_000 - 777);

        const csv = await app.request('/admin/v1/money/deposits?date=2026-12-08&format=csv', { headers: { authorization: `Bearer ${reader.secret}` } }, FROM_TEST_PROXY);
        assert.match(csv.headers.get('content-disposition') ?? '', /filename="deposits-2026-12-08\.csv"/);
        const records = parse<Record<string, string>>(await csv.text(), { columns: true });
        assert.deepEqual(records.map((r) => [r['status'], r['processorReference'], r['differenceCents']]), [['not_in_payout', 'ch_ghost', '-777'], ['not_in_billpay', stray.body.id, '1234'], ['amount_differs', ids.chargeOfCard, '-100']]);
      } finally {
        await db.deleteFrom('ledger_entries').where('payment_id', '=', 'pay_ghost').execute();
        await db.deleteFrom('payments').where('id', '=', 'pay_ghost').execute();
        await processor.database.db.updateTable('charges').set({ amount_cents: 3_000 }).where('id', '=', ids.chargeOfCard).execute();
      }
    });

    it('says so, rather than guess, when the processor does not answer', async () => {
      api.setProcessorUp(false);
      try {
        const { body } = await get<DepositDay>('/admin/v1/money/deposits?date=2026-12-08');
        assert.equal(body.reconciliation.status, 'unavailable');
        assert.deepEqual(DepositDaySchema.safeParse(body).error?.issues, undefined, 'the console’s schema reads an unreconciled day');
        assert.equal(body.totals.netCents, 3_000, 'the expected deposit is still given');
      } finally {
        api.setProcessorUp(true);
      }
    });

    it('ages balances by account with totals, as the patient’s own account does', async () => {
      const answer = await get<AgingReport>('/admin/v1/money/aging');
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(AgingReportSchema.safeParse(answer.body).error?.issues, undefined, 'the console’s schema reads the answer');
      const { rows, totals, asOf } = answer.body;
      assert.equal(asOf, '2026-12-09');
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.equal(row.totalCents, row.currentCents + row.days30Cents + row.days60Cents + row.days90PlusCents);
        assert.ok(row.totalCents > 0);
      }
      const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
      assert.deepEqual(totals, { accounts: rows.length, currentCents: sum((r) => r.currentCents), days30Cents: sum((r) => r.days30Cents), days60Cents: sum((r) => r.days60Cents), days90PlusCents: sum((r) => r.days90PlusCents), totalCents: sum((r) => r.totalCents) });
      assert.ok(!rows.some((r) => r.accountNumber === 'L-1'), 'another practice’s account never appears');
      // Each row is what the account itself shows the patient.
      const session = await harness.open('Rivera');
      const own = await api.account(session);
      const rivera = rows.find((r) => r.name.startsWith('Rivera,'));
      assert.ok(rivera);
      assert.deepEqual([rivera.currentCents, rivera.days30Cents, rivera.days60Cents, rivera.days90PlusCents], [own.aging.currentCents, own.aging.days30Cents, own.aging.days60Cents, own.aging.days90PlusCents]);

      const first = await get<AgingReport>('/admin/v1/money/aging?limit=1');
      assert.equal(first.body.rows.length, 1);
      assert.deepEqual(first.body.totals, totals, 'the totals count every account, whatever the page');
      const second = await get<AgingReport>(`/admin/v1/money/aging?limit=1&after=${encodeURIComponent(first.body.nextAfter!)}`);
      assert.deepEqual(second.body.rows[0], rows[1]);

      const lake = await get<AgingReport>('/admin/v1/money/aging', theirs.secret);
      assert.deepEqual(lake.body.rows.map((r) => [r.accountNumber, r.days90PlusCents]), [['L-1', 12_345 - 9_900]]);
    });

    it('writes CSV whose formulas are text and whose amounts stay numbers', async () => {
      const db = harness.database.db;
      const formula = '=HYPERLINK("https://attacker.example","Open")';
      const okafor = await db.selectFrom('accounts').select(['id', 'last_name']).where('last_name', '=', 'Okafor').executeTakeFirstOrThrow();
      await db.updateTable('accounts').set({ last_name: formula, external_id: '+SUM(A1)' }).where('id', '=', okafor.id).execute();
      try {
        const aging = await app.request('/admin/v1/money/aging', { headers: { authorization: `Bearer ${reader.secret}`, accept: 'text/csv' } }, FROM_TEST_PROXY);
        assert.match(aging.headers.get('content-type') ?? '', /^text\/csv/);
        const rows = parse<Record<string, string>>(await aging.text(), { columns: true });
        const row = rows.find((r) => r['name']!.includes('HYPERLINK'));
        assert.ok(row);
        assert.ok(row['name']!.startsWith(`'=`), 'the formula is text');
        assert.equal(row['accountId'], `'+SUM(A1)`);

        const day = await app.request(`/admin/v1/money/day?date=2026-12-08&format=csv`, { headers: { authorization: `Bearer ${reader.secret}` } }, FROM_TEST_PROXY);
        assert.match(day.headers.get('content-disposition') ?? '', /filename="money-2026-12-08\.csv"/);
        const lines = parse<Record<string, string>>(await day.text(), { columns: true });
        assert.deepEqual(lines.map((l) => [l['kind'], l['amountCents'], l['amount'], l['state']]), [['refund', '-1000', '-10.00', 'succeeded']]);
      } finally {
        await db.updateTable('accounts').set({ last_name: okafor.last_name, external_id: null }).where('id', '=', okafor.id).execute();
      }
    });

    it('refuses bad dates, formats and pages with a 400, a key without `read` with a 403, and no key with a 401', async () => {
      for (const path of [
        '/admin/v1/money/day',
        '/admin/v1/money/day?date=2026-02-30',
        '/admin/v1/money/day?date=12/07/2026',
        `/admin/v1/money/day?date=${MONDAY}&format=xlsx`,
        `/admin/v1/money/deposits?date=${MONDAY}&date=${MONDAY}`,
        `/admin/v1/money/deposits?date=${'9'.repeat(5000)}`,
        '/admin/v1/money/aging?limit=0',
        '/admin/v1/money/aging?limit=1001',
        '/admin/v1/money/aging?limit=abc',
        `/admin/v1/money/aging?after=${'x'.repeat(65)}`,
      ]) {
        refused(await get(path), 400, 'invalid_request');
      }
      refused(await get(`/admin/v1/money/day?date=${MONDAY}`, importer.secret), 403, 'insufficient_scope');
      refused(await adminCall(app, `/admin/v1/money/day?date=${MONDAY}`, undefined), 401, 'api_key_required');
    });

    it('shows another practice’s key nothing of ours', async () => {
      const day = await get<MoneyDay>(`/admin/v1/money/day?date=${MONDAY}`, theirs.secret);
      assert.deepEqual(day.body.payments.map((p) => p.paymentId), ['pay_lake']);
      const deposits = await get<DepositDay>('/admin/v1/money/deposits?date=2026-12-09', theirs.secret);
      assert.deepEqual(deposits.body.movements, []);
    });
  });
}
