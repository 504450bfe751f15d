import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, luhnValid, PaymentSchema } from '@billpay/sdk';
import { sql } from 'kysely';
import { chargeRequestOf } from '../../src/payments/payments.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import { recoverPendingPayments } from '../../src/payments/recovery.js';
import { processorSecretKey } from '../../src/processor/sandbox/keys.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, SECRET, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`payments (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    const logLines: string[] = [];

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor, { logLines });
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const chargesAtProcessor = async () =>
      Number((await processor.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    it('takes part of a balance by card and gives a receipt; the account shows the rest', async () => {
      const session = await harness.open('Rivera');
      const token = await processor.cardToken(CARDS.visa);
      const answer = await api.pay(session, { amountCents: 5_000, token }, newKey());
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const receipt = PaymentSchema.parse(answer.body);
      assert.equal(receipt.status, 'succeeded');
      assert.deepEqual(receipt.method, { kind: 'card', brand: 'visa', last4: '4242' });
      assert.equal(receipt.remainingBalanceCents, 9_250);
      assert.match(receipt.confirmationNumber, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      const account = await api.account(session);
      assert.equal(account.balanceCents, 9_250);
      assert.ok(account.payments.some((p) => p.amountCents === 5_000 && p.method === 'card'));
      const again = await api.app.request(`/v1/payments/${receipt.id}`, { headers: { authorization: `Bearer ${session}` } });
      assert.deepEqual(PaymentSchema.parse(await again.json()), receipt);
    });

    it('says why a card was declined, charges nothing, and answers a repeat the same way', async () => {
      for (const [card, reason] of [[CARDS.declined, 'card_declined'], [CARDS.expired, 'expired_card'], [CARDS.wrongCvc, 'incorrect_cvc']] as const) {
        // A session's first declines are told with their reason (later ones are not: card testing).
        const session = await harness.open('Okafor');
        const token = await processor.cardToken(card);
        const key = newKey();
        const first = await api.pay(session, { amountCents: 10_000, token }, key);
        assert.equal(first.status, 402);
        const { error } = ApiErrorBodySchema.parse(first.body);
        assert.equal(error.code, 'payment_declined');
        assert.equal(error.declineCode, reason);
        const repeat = await api.pay(session, { amountCents: 10_000, token }, key);
        assert.equal(repeat.status, 402);
        assert.equal(ApiErrorBodySchema.parse(repeat.body).error.paymentId, error.paymentId);
      }
      assert.equal((await api.account(await harness.open('Okafor'))).balanceCents, 240_000);
    });

    it('answers the same key and body with the same receipt, and another body with 409', async () => {
      const session = await harness.open('Chen');
      const token = await processor.cardToken(CARDS.mastercard2);
      const key = newKey();
      const before = await chargesAtProcessor();
      const first = PaymentSchema.parse((await api.pay(session, { amountCents: 1_000, token }, key)).body);
      const second = PaymentSchema.parse((await api.pay(session, { amountCents: 1_000, token }, key)).body);
      assert.deepEqual(second, first);
      const other = await api.pay(session, { amountCents: 2_000, token }, key);
      assert.equal(other.status, 409);
      assert.equal(ApiErrorBodySchema.parse(other.body).error.code, 'idempotency_conflict');
      assert.equal((await chargesAtProcessor()) - before, 1);
      assert.equal((await api.account(session)).balanceCents, 30_000);
    });

    it('never answers another patient’s session with the receipt of a key it replays: 409, nothing charged', async () => {
      const rivera = await harness.open('Rivera');
      const haddad = await harness.open('Haddad');
      const token = await processor.cardToken(CARDS.visa);
      const key = newKey();
      const body = { amountCents: 1_000, token };
      const receipt = PaymentSchema.parse((await api.pay(rivera, body, key)).body);
      const charges = await chargesAtProcessor();

      // The same key and the very same body, from another account's session.
      const replay = await api.pay(haddad, body, key);
      assert.equal(replay.status, 409, JSON.stringify(replay.body));
      assert.equal(ApiErrorBodySchema.parse(replay.body).error.code, 'idempotency_conflict');
      for (const secret of [receipt.id, receipt.confirmationNumber]) assert.equal(JSON.stringify(replay.body).includes(secret), false);
      assert.equal(await chargesAtProcessor(), charges);
      assert.equal((await api.account(haddad)).balanceCents, 6_500);
      // Its own session still gets its receipt.
      assert.deepEqual(PaymentSchema.parse((await api.pay(rivera, body, key)).body), receipt);
    });

    it('charges once for concurrent duplicates of one payment', async () => {
      const session = await harness.open('Chen');
      const token = await processor.cardToken(CARDS.amex);
      const key = newKey();
      const before = await chargesAtProcessor();
      const answers = await Promise.all(Array.from({ length: 8 }, () => api.pay(session, { amountCents: 500, token }, key)));
      const ids = new Set(answers.map((a) => (a.status === 201 ? PaymentSchema.parse(a.body).id : `status ${a.status}`)));
      assert.deepEqual([...ids].length, 1, JSON.stringify([...ids]));
      assert.equal((await chargesAtProcessor()) - before, 1);
      assert.equal((await api.account(session)).balanceCents, 29_500);
    });

    it('refuses an amount over what is owed, or under $1.00, with the allowed range', async () => {
      const session = await harness.open('Haddad');
      const token = await processor.cardToken(CARDS.visa);
      const over = await api.pay(session, { amountCents: 6_501, token }, newKey());
      assert.equal(over.status, 422);
      const { error } = ApiErrorBodySchema.parse(over.body);
      assert.deepEqual([error.code, error.minimumCents, error.maximumCents], ['amount_not_allowed', 100, 6_500]);
      // Under $1.00 is the same refusal, with the same range (not a generic invalid_request).
      const under = await api.pay(session, { amountCents: 99, token }, newKey());
      assert.equal(under.status, 422);
      const small = ApiErrorBodySchema.parse(under.body).error;
      assert.deepEqual([small.code, small.minimumCents, small.maximumCents], ['amount_not_allowed', 100, 6_500]);
      assert.equal((await api.pay(session, { amountCents: 0, token }, newKey())).status, 400);
      const noKey = await api.app.request('/v1/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify({ amountCents: 100, token }),
      });
      assert.equal(noKey.status, 400);
    });

    it('refuses a card token already charged as token_already_used (not a decline), and still replays a repeated attempt', async () => {
      const session = await harness.open('Chen');
      const token = await processor.cardToken(CARDS.visa);
      const key = newKey();
      const first = await api.pay(session, { amountCents: 300, token }, key);
      assert.equal(first.status, 201);
      assert.equal((await api.pay(session, { amountCents: 300, token }, key)).status, 201);
      const again = await api.pay(session, { amountCents: 300, token }, newKey());
      assert.equal(again.status, 422);
      const { error } = ApiErrorBodySchema.parse(again.body);
      assert.deepEqual([error.code, error.param], ['token_already_used', 'token']);
    });

    it('never takes an account below zero, however many payments race', async () => {
      // Five at once, a session each: as many as one account may have in flight (card testing).
      const sessions = await Promise.all(Array.from({ length: 5 }, () => harness.open('Haddad')));
      const session = sessions[0]!;
      const tokens = await Promise.all(Array.from({ length: 5 }, () => processor.cardToken(CARDS.visa)));
      const answers = await Promise.all(tokens.map((token, i) => api.pay(sessions[i]!, { amountCents: 2_000, token }, newKey())));
      const paid = answers.filter((a) => a.status === 201).length;
      assert.equal(paid, 3);
      assert.ok(answers.every((a) => a.status === 201 || a.status === 422));
      assert.equal((await api.account(session)).balanceCents, 500);
    });

    it('keeps a payment pending while the processor is down, and completes it once on retry', async () => {
      const session = await harness.open('Rivera');
      const token = await processor.cardToken(CARDS.visa);
      const key = newKey();
      api.setProcessorUp(false);
      const down = await api.pay(session, { amountCents: 250, token }, key);
      assert.equal(down.status, 503);
      api.setProcessorUp(true);
      const before = await chargesAtProcessor();
      const retried = await api.pay(session, { amountCents: 250, token }, key);
      assert.equal(retried.status, 201);
      assert.equal((await chargesAtProcessor()) - before, 1);
    });

    it('settles after a crash: a charge made but not recorded is recorded; one never made is made, once', async () => {
      const db = harness.database.db;
      const accountId = 'acct_demo1';
      const insert = async (id: string, token: string) =>
        db
          .insertInto('payments')
          .values({
            id, practice_id: 'harbor-point', account_id: accountId, idempotency_key: `crash-${id}`, request_hash: 'x', confirmation_number: id.slice(-9),
            status: 'pending', amount_cents: 100, statement_id: null, token, charge_id: null, method_kind: null, brand: null, last4: null, wallet: null,
            decline_code: null, return_code: null, remaining_balance_cents: null, authorization_text: null, authorization_accepted_at: null,
            created_at: new Date(harness.clock.current.getTime() - 5 * 60_000), updated_at: harness.clock.current,
          })
          .execute();
      const charged = `pay_crashcharged${newKey().slice(-6)}`;
      const never = `pay_crashnever${newKey().slice(-6)}`;
      await insert(charged, await processor.cardToken(CARDS.visa));
      await insert(never, await processor.cardToken(CARDS.visa));
      // The server died between the processor's answer and its own write.
      await api.gateway.charge('harbor-point', charged, chargeRequestOf(await db.selectFrom('payments').selectAll().where('id', '=', charged).executeTakeFirstOrThrow()));
      const chargesBefore = await chargesAtProcessor();
      const balanceBefore = (await db.selectFrom('ledger_entries').select(sql<number>`sum(amount_cents)::int`.as('b')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).b;
      assert.equal(await recoverPendingPayments(db, api.gateway, practices, harness.clock.current), 2);
      const rows = await db.selectFrom('payments').select(['id', 'status', 'decline_code']).where('id', 'in', [charged, never]).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.id === charged ? 'charged' : 'never', r.status, r.decline_code]).sort(), [['charged', 'succeeded', null], ['never', 'succeeded', null]]);
      // The one charged before the crash was not charged again; the other was charged now.
      assert.equal((await chargesAtProcessor()) - chargesBefore, 1);
      const balanceAfter = (await db.selectFrom('ledger_entries').select(sql<number>`sum(amount_cents)::int`.as('b')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).b;
      assert.equal(balanceBefore - balanceAfter, 200);
      assert.equal(await recoverPendingPayments(db, api.gateway, practices, harness.clock.current), 0);
    });

    it('takes a bank debit as processing, settles it, and reverses a returned one with the $30.00 fee', async () => {
      const session = await harness.open('Okafor');
      const authorization = { text: 'I authorize Harbor Point Medical Group to debit my checking account once for $100.00 on the date shown.', acceptedAt: harness.clock.current.toISOString() };
      const good = PaymentSchema.parse((await api.pay(session, { amountCents: 10_000, token: await processor.bankToken('000123456789'), authorization }, newKey())).body);
      assert.equal(good.status, 'processing');
      assert.deepEqual(good.method, { kind: 'bank', last4: '6789', accountType: 'checking', bankName: 'JPMorgan Chase Bank' });
      const nsf = PaymentSchema.parse((await api.pay(session, { amountCents: 5_000, token: await processor.bankToken('000987650001'), authorization }, newKey())).body);
      const sent = await api.account(session);
      assert.equal(sent.balanceCents, 225_000);
      // Listed from the day they are made, as what they are: processing, not received.
      assert.deepEqual(
        sent.payments.filter((p) => p.method === 'bank').map((p) => [p.amountCents, p.status]),
        [[10_000, 'processing'], [5_000, 'processing']],
      );
      await processor.send('/v1/sandbox/clock', { body: { advanceDays: 4 }, headers: { authorization: `Bearer ${processorSecretKey(SECRET, 'harbor-point')}` } });
      assert.equal(await applyProcessorEvents(harness.database.db, api.gateway, harborPoint, harness.clock.current), 2);
      const statuses = await harness.database.db.selectFrom('payments').select(['id', 'status', 'return_code']).where('id', 'in', [good.id, nsf.id]).execute();
      assert.deepEqual(new Set(statuses.map((s) => `${s.id === good.id ? 'good' : 'nsf'}:${s.status}:${s.return_code ?? ''}`)), new Set(['good:settled:', 'nsf:returned:R01']));
      const account = await api.account(session);
      assert.equal(account.balanceCents, 225_000 + 5_000 + 3_000);
      assert.ok(account.fees.some((fee) => fee.reason === 'returned_payment' && fee.amountCents === 3_000));
      assert.deepEqual(
        account.payments.filter((p) => p.method === 'bank').map((p) => [p.amountCents, p.status]),
        [[10_000, 'settled'], [5_000, 'returned']],
      );
      assert.equal(await applyProcessorEvents(harness.database.db, api.gateway, harborPoint, harness.clock.current), 0);
    });

    it('keeps every card number out of the practice database and its log', async () => {
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(harness.database.db);
      const cells: string[] = [...logLines, ...harness.logLines];
      for (const { table_name } of tables.rows) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(harness.database.db);
        for (const row of rows.rows) cells.push(JSON.stringify(row));
      }
      for (const cell of cells) {
        // Standalone runs only: hashes and ids are hex or base64, where digits sit among letters.
        for (const run of cell.match(/(?<![\w])\d{13,19}(?![\w])/g) ?? []) assert.equal(luhnValid(run), false, `a card-like number in ${cell.slice(0, 80)}`);
        for (const card of Object.values(CARDS)) assert.equal(cell.includes(card), false);
      }
    });
  });
}

