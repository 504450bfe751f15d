import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChargeListSchema, ChargeSchema, RefundSchema } from '@billpay/sdk/processor';
import { processorSecretKey } from '../../src/processor/sandbox/keys.js';
import { backends } from '../support/backends.js';
import { SECRET } from '../support/harness.js';
import { CARDS, openProcessorHarness, refusal, SK, type ChargeBody, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`processor charges (${backend.name})`, () => {
    let p: ProcessorHarness;
    let n = 0;
    const key = () => `key-${backend.name}-${++n}`;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });

    it('decides each test card as processors do', async () => {
      const outcomes: [string, string, string | undefined, string][] = [
        [CARDS.visa, 'succeeded', undefined, 'visa'],
        [CARDS.declined, 'declined', 'card_declined', 'visa'],
        [CARDS.expired, 'declined', 'expired_card', 'visa'],
        [CARDS.wrongCvc, 'declined', 'incorrect_cvc', 'visa'],
        [CARDS.mastercard2, 'succeeded', undefined, 'mastercard'],
        [CARDS.amex, 'succeeded', undefined, 'amex'],
      ];
      for (const [number, status, declineCode, brand] of outcomes) {
        const token = await p.cardToken(number);
        const answer = await p.charge({ token, amountCents: 14_250, description: 'Statement', metadata: { account: 'acct_1' } }, key());
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        const charge = ChargeSchema.parse(answer.body);
        assert.match(charge.id, /^ch_/);
        assert.equal(charge.status, status, number);
        assert.equal(charge.declineCode, declineCode, number);
        assert.equal(charge.amountCents, 14_250);
        assert.deepEqual(charge.method, { kind: 'card', brand, last4: number.slice(-4) });
        assert.deepEqual(charge.metadata, { account: 'acct_1' });
        assert.equal(charge.created, p.clock.now().toISOString());
      }
    });

    it('charges a card token once only', async () => {
      const token = await p.cardToken(CARDS.visa);
      assert.equal((await p.charge({ token, amountCents: 500 }, key())).status, 201);
      refusal(await p.charge({ token, amountCents: 500 }, key()), 400, 'token_already_used', 'token');
      refusal(await p.charge({ token: 'tok_nothing', amountCents: 500 }, key()), 400, 'no_such_token', 'token');
    });

    it('charges a card saved for later payments again, and says so when describing it', async () => {
      const saved = await p.card(CARDS.visa, { reusable: true });
      assert.equal(saved.status, 201);
      assert.equal((saved.body as { reusable?: boolean }).reusable, true);
      const token = saved.body.id;
      assert.equal((await p.charge({ token, amountCents: 500 }, key())).status, 201);
      assert.equal((await p.charge({ token, amountCents: 500 }, key())).status, 201);
      const described = await p.secretCall<{ reusable?: boolean; used: boolean }>(`/v1/tokens/${token}`);
      assert.deepEqual([described.body.reusable, described.body.used], [true, true]);
    });

    it('debits a bank account as processing, validating it on first use; a bank token may be debited again', async () => {
      const token = await p.bankToken();
      const first = await p.charge({ token, amountCents: 6_500 }, key());
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.status, 'processing');
      assert.deepEqual(first.body.method, { kind: 'bank', last4: '6789', accountType: 'checking', bankName: 'JPMorgan Chase Bank' });
      const row = await p.database.db.selectFrom('vault_tokens').select('validated').where('id', '=', token).executeTakeFirstOrThrow();
      assert.equal(row.validated, true);
      assert.equal((await p.charge({ token, amountCents: 2_500 }, key())).body.status, 'processing');
    });

    it('charges a wallet token as a wallet payment', async () => {
      const wallet = await p.tokenize('wallet', { wallet: 'google_pay' });
      const answer = await p.charge({ token: wallet.body.id, amountCents: 1_000 }, key());
      assert.equal(answer.body.status, 'succeeded');
      assert.deepEqual(answer.body.method, { kind: 'wallet', brand: 'visa', last4: '4242', wallet: 'google_pay' });
    });

    it('answers a repeated Idempotency-Key with the stored answer, and refuses it with another body', async () => {
      const token = await p.cardToken(CARDS.visa);
      const k = key();
      const first = await p.charge({ token, amountCents: 700, metadata: { a: '1', b: '2' } }, k);
      assert.equal(first.status, 201);
      // The same body in another key order is the same request.
      const again = await p.charge({ metadata: { b: '2', a: '1' }, amountCents: 700, token }, k);
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      refusal(await p.charge({ token, amountCents: 701 }, k), 409, 'idempotency_conflict');
      const count = await p.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).where('idempotency_key', '=', k).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      // A refusal is an answer too: it is replayed, not run again.
      const k2 = key();
      refusal(await p.charge({ token, amountCents: 700 }, k2), 400, 'token_already_used');
      refusal(await p.charge({ token, amountCents: 700 }, k2), 400, 'token_already_used');
    });

    it('makes one charge of 20 concurrent duplicates', async () => {
      const token = await p.cardToken(CARDS.visa);
      const k = key();
      const answers = await Promise.all(Array.from({ length: 20 }, () => p.charge({ token, amountCents: 1_234 }, k)));
      for (const answer of answers) assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(new Set(answers.map((answer) => answer.body.id)).size, 1);
      const rows = await p.database.db.selectFrom('charges').select('id').where('token_id', '=', token).execute();
      assert.equal(rows.length, 1);
      // And 20 concurrent charges of one card token under different keys: one charge, 19 refusals.
      const other = await p.cardToken(CARDS.visa);
      const racing = await Promise.all(Array.from({ length: 20 }, () => p.charge({ token: other, amountCents: 1_234 }, key())));
      assert.equal(racing.filter((answer) => answer.status === 201).length, 1);
      assert.equal(racing.filter((answer) => answer.status === 400).length, 19);
    });

    it('lets a caller find a charge by id or by its Idempotency-Key', async () => {
      const token = await p.cardToken(CARDS.visa);
      const k = key();
      const made = await p.charge({ token, amountCents: 900 }, k);
      const byId = await p.secretCall(`/v1/charges/${made.body.id}`);
      assert.equal(byId.status, 200);
      assert.deepEqual(byId.body, made.body);
      const byKey = await p.secretCall(`/v1/charges?idempotency_key=${encodeURIComponent(k)}`);
      assert.deepEqual(ChargeListSchema.parse(byKey.body).data, [made.body]);
      assert.deepEqual((await p.secretCall('/v1/charges?idempotency_key=never-used')).body, { data: [] });
      refusal(await p.secretCall('/v1/charges/ch_nothing'), 404, 'no_such_charge');
      refusal(await p.secretCall('/v1/charges'), 400, 'invalid_request', 'idempotency_key');
    });

    it('refunds in part and in full, once per Idempotency-Key, never more than was paid', async () => {
      const token = await p.cardToken(CARDS.visa);
      const charge = (await p.charge({ token, amountCents: 10_000 }, key())).body;
      const k = key();
      const part = await p.secretCall('/v1/refunds', { charge: charge.id, amountCents: 2_500 }, k);
      assert.equal(part.status, 201, JSON.stringify(part.body));
      const refund = RefundSchema.parse(part.body);
      assert.equal(refund.amountCents, 2_500);
      assert.deepEqual((await p.secretCall('/v1/refunds', { charge: charge.id, amountCents: 2_500 }, k)).body, part.body);
      refusal(await p.secretCall('/v1/refunds', { charge: charge.id, amountCents: 9_000 }, key()), 400, 'amount_too_large', 'amountCents');
      const rest = await p.secretCall<{ amountCents: number }>('/v1/refunds', { charge: charge.id }, key());
      assert.equal(rest.body.amountCents, 7_500);
      refusal(await p.secretCall('/v1/refunds', { charge: charge.id }, key()), 400, 'charge_already_refunded');
      assert.equal((await p.secretCall<ChargeBody>(`/v1/charges/${charge.id}`)).body.amountRefundedCents, 10_000);
      const declined = (await p.charge({ token: await p.cardToken(CARDS.declined), amountCents: 500 }, key())).body;
      refusal(await p.secretCall('/v1/refunds', { charge: declined.id }, key()), 400, 'charge_not_refundable');
      refusal(await p.secretCall('/v1/refunds', { charge: 'ch_nothing' }, key()), 404, 'no_such_charge');
      refusal(await p.secretCall('/v1/refunds', { charge: charge.id }), 400, 'idempotency_key_required');
    });

    it('needs the secret key of the merchant, an Idempotency-Key, and whole cents', async () => {
      const token = await p.cardToken(CARDS.visa);
      refusal(await p.send('/v1/charges', { body: { token, amountCents: 100 }, headers: { 'idempotency-key': key() } }), 401, 'invalid_api_key');
      refusal(await p.secretCall('/v1/charges', { token, amountCents: 100 }, key(), `${SK.slice(0, -1)}x`), 401, 'invalid_api_key');
      refusal(await p.secretCall('/v1/charges', { token, amountCents: 100 }, key(), 'pk_test_harbor-point'), 401, 'invalid_api_key');
      // Another merchant's key (a practice the processor does not know) is no key at all.
      refusal(await p.secretCall('/v1/charges', { token, amountCents: 100 }, key(), processorSecretKey(SECRET, 'elsewhere')), 401, 'invalid_api_key');
      refusal(await p.charge({ token, amountCents: 100 }, ''), 400, 'idempotency_key_required');
      refusal(await p.charge({ token, amountCents: 1.5 }, key()), 400, 'invalid_request', 'amountCents');
      refusal(await p.charge({ token, amountCents: 0 }, key()), 400, 'invalid_request', 'amountCents');
      refusal(await p.charge({ token, amountCents: '100' }, key()), 400, 'invalid_request', 'amountCents');
      assert.equal((await p.charge({ token, amountCents: 100 }, key())).status, 201);
    });

    it('gives the practice API its secret key deterministically', () => {
      assert.equal(processorSecretKey(SECRET, 'harbor-point'), SK);
      assert.match(SK, /^sk_test_harbor-point_[A-Za-z0-9_-]{43}$/);
      assert.notEqual(processorSecretKey(`${SECRET}x`, 'harbor-point'), SK);
    });

    it('stores no security code and logs no card number', async () => {
      await p.assertNoCvcStored();
      p.assertLogClean();
    });
  });
}
