/**
 * The posting file, `GET /admin/v1/postings?date=`: a day with a card payment, a bank debit, a
 * refund and a return gives one signed row each with the practice's own ids, deposits that sum
 * exactly to the rows, nothing of another practice, and the same rows as CSV.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { parse } from 'csv-parse/sync';
import { publishEvents } from '../../src/events/outbox.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import { postingOf, type MovementEntry, type Posting, type PostingFile } from '../../src/postings/postings.js';
import { POSTING_COLUMNS } from '../../src/postings/routes.js';
import { adminCall, adminKey } from '../support/admin.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

/** Friday, the day a bank debit that will come back is taken. */
const EARLIER = '2026-11-20';
/** Tuesday before Thanksgiving: the practice is closed Thursday and Friday (its holidays). */
const DAY = '2026-11-24';

for (const backend of backends) {
  describe(`the posting file (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let key: { id: string; secret: string };
    const ids = { card: '', bank: '', returned: '', refund: '', chargeOfCard: '', chargeOfReturned: '', chargeOfBank: '', statement: '', account: '' };

    const at = (day: string) => (harness.clock.current = new Date(`${day}T15:00:00.000Z`));
    const authorization = () => ({ text: 'I authorize Harbor Point Medical Group to debit my checking account once.', acceptedAt: harness.clock.current.toISOString() });
    const chargeOf = async (id: string) => (await harness.database.db.selectFrom('payments').select('charge_id').where('id', '=', id).executeTakeFirstOrThrow()).charge_id!;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
      key = await adminKey(harness.database, 'harbor-point', ['read', 'refunds']);
      const db = harness.database.db;

      // Okafor's account and statement as the practice's own system names them (imports/).
      const account = await db.selectFrom('accounts').selectAll().where('last_name', '=', 'Okafor').executeTakeFirstOrThrow();
      const statement = await db.selectFrom('statements').select('id').where('account_id', '=', account.id).orderBy('statement_date', 'desc').executeTakeFirstOrThrow();
      ids.account = account.id;
      ids.statement = statement.id;
      await db.updateTable('accounts').set({ external_id: 'PM-ACCT-0042' }).where('id', '=', account.id).execute();
      await db
        .insertInto('imported_statements')
        .values({ practice_id: 'harbor-point', external_id: 'PM-STMT-7', account_id: account.id, statement_id: statement.id, bill_id: account.bill_id, content_hash: 'x', created_at: new Date(), updated_at: new Date() })
        .execute();

      at(EARLIER);
      let session = await harness.open('Okafor');
      const nsf = await api.pay(session, { amountCents: 5_000, statementId: statement.id, token: await processor.bankToken('000987650001'), authorization: authorization() }, newKey());
      ids.returned = PaymentSchema.parse(nsf.body).id;

      at(DAY);
      session = await harness.open('Okafor');
      const card = await api.pay(session, { amountCents: 3_000, statementId: statement.id, token: await processor.cardToken(CARDS.visa) }, newKey());
      assert.equal(card.status, 201, JSON.stringify(card.body));
      ids.card = PaymentSchema.parse(card.body).id;
      const bank = await api.pay(session, { amountCents: 7_000, token: await processor.bankToken('000123456789'), authorization: authorization() }, newKey());
      ids.bank = PaymentSchema.parse(bank.body).id;
      const refund = await adminCall<{ id: string; processorReference: string }>(api.app, `/admin/v1/payments/${ids.card}/refunds`, key.secret, {
        body: { amountCents: 1_000, reason: 'billing_error' },
        headers: { 'idempotency-key': newKey() },
      });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      ids.refund = refund.body.processorReference;
      // The Friday debit comes back (R01) today; today's debit settles with it at the sandbox.
      await processor.secretCall('/v1/sandbox/clock', { advanceDays: 4 });
      assert.ok((await applyProcessorEvents(db, api.gateway, harborPoint, harness.clock.current)) >= 1);
      ids.chargeOfCard = await chargeOf(ids.card);
      ids.chargeOfBank = await chargeOf(ids.bank);
      ids.chargeOfReturned = await chargeOf(ids.returned);

      // Another practice's payment, posted the same day.
      await db.insertInto('accounts').values({ ...account, id: 'acct_elsewhere', practice_id: 'elsewhere', account_number: 'E-1', bill_id: '900000000009', external_id: 'PM-ACCT-0042' }).execute();
      await db
        .insertInto('payments')
        .values({
          id: 'pay_elsewhere', practice_id: 'elsewhere', account_id: 'acct_elsewhere', idempotency_key: 'k-elsewhere', request_hash: 'x', confirmation_number: 'ELSEWHERE', status: 'succeeded',
          amount_cents: 9_900, statement_id: null, token: 'tok', charge_id: 'ch_elsewhere', method_kind: 'card', brand: 'visa', last4: '4242', wallet: null, decline_code: null,
          return_code: null, remaining_balance_cents: null, authorization_text: null, authorization_accepted_at: null, created_at: harness.clock.current, updated_at: harness.clock.current,
        })
        .execute();
      await db.insertInto('ledger_entries').values({ account_id: 'acct_elsewhere', statement_id: null, kind: 'payment', reason: 'card_payment', amount_cents: -9_900, posted_on: DAY, payment_id: 'pay_elsewhere' }).execute();
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const postings = (query: string, headers: Record<string, string> = {}) => adminCall<PostingFile>(api.app, `/admin/v1/postings?${query}`, key.secret, { headers });
    const shape = (row: Posting) => [row.type, row.amountCents, row.amount, row.method, row.processorReference, row.paymentId, row.depositOn];

    it('gives the day’s movements, signed, with the practice’s ids and the expected deposit days', async () => {
      const answer = await postings(`date=${DAY}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      const { rows } = answer.body;
      // The $30.00 returned-payment fee is owed to the practice, not deposited: it has no row.
      assert.deepEqual(rows.map(shape), [
        // Card: the next business day.
        ['payment', 3_000, '30.00', 'card', ids.chargeOfCard, ids.card, '2026-11-25'],
        // Bank: settles two business days on, past Thanksgiving, its Friday and the weekend.
        ['payment', 7_000, '70.00', 'bank', ids.chargeOfBank, ids.bank, '2026-11-30'],
        ['refund', -1_000, '-10.00', 'card', ids.refund, ids.card, '2026-11-25'],
        ['return', -5_000, '-50.00', 'bank', ids.chargeOfReturned, ids.returned, '2026-11-25'],
      ]);
      assert.ok(rows.every((row) => row.postedOn === DAY && row.accountId === 'PM-ACCT-0042'));
      assert.deepEqual(rows.map((row) => row.statementId), ['PM-STMT-7', null, 'PM-STMT-7', 'PM-STMT-7']);
      assert.equal(rows[0]!.brand, 'visa');
      assert.equal(rows[0]!.last4, '4242');
      assert.equal(new Set(rows.map((row) => row.movementId)).size, rows.length);
      assert.ok(!rows.some((row) => row.paymentId === 'pay_elsewhere'), 'another practice’s movement never appears');
    });

    it('sums the deposits exactly to the rows', async () => {
      const { body } = await postings(`date=${DAY}&format=json`);
      assert.deepEqual(body.summary.deposits, [
        { depositOn: '2026-11-25', movements: 3, paymentsCents: 3_000, refundsCents: -1_000, returnsCents: -5_000, netCents: -3_000 },
        { depositOn: '2026-11-30', movements: 1, paymentsCents: 7_000, refundsCents: 0, returnsCents: 0, netCents: 7_000 },
      ]);
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      assert.equal(body.summary.totals.netCents, sum(body.rows.map((row) => row.amountCents)));
      assert.equal(body.summary.totals.netCents, sum(body.summary.deposits.map((d) => d.netCents)));
      assert.deepEqual(body.summary.totals, { movements: 4, paymentsCents: 10_000, refundsCents: -1_000, returnsCents: -5_000, netCents: 4_000 });
    });

    it('posts a bank debit the day it was taken, and nothing on a day without movements', async () => {
      const earlier = await postings(`date=${EARLIER}`);
      assert.deepEqual(earlier.body.rows.map(shape), [['payment', 5_000, '50.00', 'bank', ids.chargeOfReturned, ids.returned, '2026-11-24']]);
      const quiet = await postings('date=2026-11-23');
      assert.deepEqual(quiet.body.rows, []);
      assert.deepEqual(quiet.body.summary, { deposits: [], totals: { movements: 0, paymentsCents: 0, refundsCents: 0, returnsCents: 0, netCents: 0 } });
    });

    it('answers CSV (by Accept or format=csv) that parses back to the JSON rows', async () => {
      const json = await postings(`date=${DAY}`);
      for (const [query, headers] of [[`date=${DAY}&format=csv`, {}], [`date=${DAY}`, { accept: 'text/csv' }]] as const) {
        const response = await api.app.request(`/admin/v1/postings?${query}`, { headers: { authorization: `Bearer ${key.secret}`, ...headers } }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
        assert.match(response.headers.get('content-disposition') ?? '', /filename="postings-2026-11-24\.csv"/);
        const records = parse<Record<string, string>>(await response.text(), { columns: true });
        assert.deepEqual(Object.keys(records[0]!), [...POSTING_COLUMNS]);
        const back = records.map((record) =>
          Object.fromEntries(Object.entries(record).map(([column, value]) => [column, column === 'amountCents' ? Number(value) : value === '' ? null : value])),
        );
        assert.deepEqual(back, json.body.rows);
      }
    });

    it('writes a cell a spreadsheet would run as a formula as text, and a refund’s amount as a number', async () => {
      const db = harness.database.db;
      const formula = '=HYPERLINK("https://attacker.example","Open")';
      await db.updateTable('accounts').set({ external_id: formula }).where('external_id', '=', 'PM-ACCT-0042').execute();
      try {
        const response = await api.app.request(`/admin/v1/postings?date=${DAY}&format=csv`, { headers: { authorization: `Bearer ${key.secret}` } }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
        const records = parse<Record<string, string>>(await response.text(), { columns: true });
        assert.ok(records.length > 0);
        for (const record of records) assert.equal(record['accountId'], `'${formula}`, 'the formula is text');
        const refund = records.find((record) => record['type'] === 'refund')!;
        assert.match(refund['amount']!, /^-\d+\.\d\d$/, 'a refund stays a negative number');
        assert.match(refund['amountCents']!, /^-\d+$/);
      } finally {
        await db.updateTable('accounts').set({ external_id: 'PM-ACCT-0042' }).where('external_id', '=', formula).execute();
      }
    });

    it('names a payment’s statement by the practice’s own id after the statement was corrected twice, as its events do', async () => {
      const db = harness.database.db;
      const first = await db.selectFrom('statements').selectAll().where('id', '=', ids.statement).executeTakeFirstOrThrow();
      // Two corrections (imports/apply.ts): each a new version replacing the one before; the import row names the last.
      await db.insertInto('statements').values({ ...first, id: 'stmt_v2', replaces: first.id }).execute();
      await db.insertInto('statements').values({ ...first, id: 'stmt_v3', replaces: 'stmt_v2' }).execute();
      await db.updateTable('imported_statements').set({ statement_id: 'stmt_v3' }).where('external_id', '=', 'PM-STMT-7').execute();
      const answer = await postings(`date=${DAY}`);
      const card = answer.body.rows.find((row) => row.paymentId === ids.card && row.type === 'payment')!;
      assert.equal(card.statementId, 'PM-STMT-7', 'the first version’s payment, by the practice’s id');
      assert.equal(answer.body.rows.find((row) => row.paymentId === ids.bank)?.statementId, null, 'a payment toward the whole account has none');

      await publishEvents(db, new Date());
      const feed = await adminCall<{ data: { type: string; data: Record<string, unknown> }[] }>(api.app, '/admin/v1/events?limit=100', key.secret);
      const paid = feed.body.data.find((event) => event.type === 'payment.succeeded' && event.data['paymentId'] === ids.card)!;
      assert.deepEqual([paid.data['statementId'], paid.data['externalAccountId']], ['PM-STMT-7', 'PM-ACCT-0042']);
    });

    it('refuses a missing or impossible date, and an unknown format, with a 400', async () => {
      for (const query of ['', 'date=2026-02-30', 'date=24/11/2026', `date=${DAY}&date=${DAY}`, `date=${DAY}&format=xml`]) {
        const answer = await postings(query);
        assert.equal(answer.status, 400, `${query}: ${JSON.stringify(answer.body)}`);
        assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, 'invalid_request');
      }
    });

    it('needs the read scope', async () => {
      const importOnly = await adminKey(harness.database, 'harbor-point', ['import']);
      const answer = await adminCall(api.app, `/admin/v1/postings?date=${DAY}`, importOnly.secret);
      assert.equal(answer.status, 403);
    });
  });
}

describe('which ledger entries are movements', () => {
  const entry = (kind: string, reason: string, ledgerCents: number): MovementEntry => ({
    id: 'le_1', kind, reason, ledgerCents, postedOn: '2026-12-24', paymentId: 'pay_1', accountId: 'acct_1', accountExternalId: null, statementId: null,
    statementExternalId: null, method: 'wallet', brand: null, last4: null, wallet: 'apple_pay', chargeId: 'ch_1', lateRefundId: 're_late', processorRefundId: null,
  });
  const holidays = ['2026-12-24', '2026-12-25'];

  it('leaves out fees, charges and a statement’s correction', () => {
    assert.equal(postingOf(entry('fee', 'returned_payment', 3_000), holidays), null);
    assert.equal(postingOf(entry('charge', 'statement', 9_000), holidays), null);
    assert.equal(postingOf(entry('reversal', 'statement_corrected', -9_000), holidays), null);
  });

  it('gives a refunded late charge the processor’s refund, and skips holidays and weekends to the deposit', () => {
    const refund = postingOf(entry('reversal', 'late_charge_refunded', 2_500), holidays)!;
    assert.deepEqual([refund.type, refund.amountCents, refund.amount, refund.processorReference, refund.accountId, refund.depositOn], ['refund', -2_500, '-25.00', 're_late', 'acct_1', '2026-12-28']);
    const payment = postingOf(entry('payment', 'wallet_payment', -2_500), holidays)!;
    assert.deepEqual([payment.type, payment.amountCents, payment.processorReference, payment.depositOn], ['payment', 2_500, 'ch_1', '2026-12-28']);
  });
});
