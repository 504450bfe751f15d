import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BankTokenSchema, CardTokenSchema } from '@billpay/sdk';
import { backends } from '../support/backends.js';
import { CARDS, openProcessorHarness, PK, refusal, type ProcessorHarness } from '../support/processor.js';

for (const backend of backends) {
  describe(`processor tokenization (${backend.name})`, () => {
    let p: ProcessorHarness;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });

    it('tokenizes each test card and answers only brand, last four and expiry', async () => {
      const expected: [string, string][] = [
        [CARDS.visa, 'visa'],
        [CARDS.declined, 'visa'],
        [CARDS.mastercard2, 'mastercard'],
        [CARDS.amex, 'amex'],
      ];
      for (const [number, brand] of expected) {
        const answer = await p.card(number);
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        const token = CardTokenSchema.parse(answer.body);
        assert.match(token.id, /^tok_[A-Za-z0-9_-]{22}$/);
        assert.deepEqual(token.card, { brand, last4: number.slice(-4), expMonth: 12, expYear: 2030 });
        assert.equal(JSON.stringify(answer.body).includes(number), false);
      }
      const spaced = await p.card('4242 4242 4242 4242', { expYear: 30 });
      assert.equal(spaced.status, 201);
      assert.equal(spaced.body.card.expYear, 2030);
    });

    it('vaults the number encrypted, with the result of the security code check and never the code', async () => {
      const good = await p.cardToken(CARDS.visa);
      const wrong = await p.cardToken(CARDS.wrongCvc);
      const rows = await p.database.db.selectFrom('vault_tokens').selectAll().where('id', 'in', [good, wrong]).orderBy('last4').execute();
      assert.deepEqual(
        rows.map((row) => [row.last4, row.cvc_check, row.brand, row.holder_name, row.postal_code]),
        [
          ['0127', 'fail', 'visa', 'Ana Rivera', '06510'],
          ['4242', 'pass', 'visa', 'Ana Rivera', '06510'],
        ],
      );
      for (const row of rows) assert.equal(JSON.stringify(row).includes('424242424242'), false);
      await p.assertNoCvcStored();
    });

    it('refuses what a card cannot be, naming the field', async () => {
      refusal(await p.card('4242424242424241'), 400, 'invalid_number', 'number');
      refusal(await p.card('1234'), 400, 'invalid_number', 'number');
      refusal(await p.card('4242-4242-abcd-4242'), 400, 'invalid_number', 'number');
      refusal(await p.card(CARDS.visa, { expYear: 2026, expMonth: 10 }), 400, 'expired_card', 'expYear');
      refusal(await p.card(CARDS.visa, { expYear: 2099 }), 400, 'invalid_expiry', 'expYear');
      refusal(await p.card(CARDS.visa, { expMonth: 13 }), 400, 'invalid_request', 'expMonth');
      refusal(await p.card(CARDS.visa, { cvc: '12' }), 400, 'invalid_cvc', 'cvc');
      refusal(await p.card(CARDS.amex, { cvc: '739' }), 400, 'invalid_cvc', 'cvc');
      refusal(await p.card(CARDS.visa, { postalCode: 'ABCDE' }), 400, 'invalid_request', 'postalCode');
      refusal(await p.card(CARDS.visa, { name: '' }), 400, 'invalid_request', 'name');
      // A card is good through the last day of its expiry month.
      assert.equal((await p.card(CARDS.visa, { expYear: 2026, expMonth: 11 })).status, 201);
      refusal(await p.send('/v1/tokens/card', { body: '{"number":', headers: { 'x-billpay-key': PK } }), 400, 'invalid_request');
      const text = await p.send('/v1/tokens/card', { body: 'x', headers: { 'x-billpay-key': PK, 'content-type': 'text/plain' } });
      refusal(text, 415, 'unsupported_media_type');
    });

    it('needs the publishable key of a practice it knows, and lets any origin call it', async () => {
      refusal(await p.tokenize('card', { number: CARDS.visa }, ''), 401, 'invalid_publishable_key');
      refusal(await p.tokenize('card', { number: CARDS.visa }, 'pk_test_nobody'), 401, 'invalid_publishable_key');
      refusal(await p.tokenize('card', { number: CARDS.visa }, 'sk_test_harbor-point'), 401, 'invalid_publishable_key');
      const preflight = await p.app.request('/v1/tokens/card', {
        method: 'OPTIONS',
        headers: { origin: 'https://www.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-billpay-key' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Billpay-Key/i);
      const made = await p.card(CARDS.visa);
      assert.equal(made.headers.get('access-control-allow-origin'), '*');
      // Only tokenization is open to browsers.
      const charges = await p.app.request('/v1/charges', { method: 'OPTIONS', headers: { origin: 'https://www.example.org' } });
      assert.equal(charges.headers.get('access-control-allow-origin'), null);
    });

    it('tokenizes a bank account, unvalidated until its first debit', async () => {
      const answer = await p.tokenize('bank', { routingNumber: '011000015', accountNumber: '12345678901', accountType: 'savings', holderName: 'Omar Haddad' });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const token = BankTokenSchema.parse(answer.body);
      assert.deepEqual(token.bank, { last4: '8901', accountType: 'savings', routingLast4: '0015', bankName: 'Federal Reserve Bank of Boston' });
      const row = await p.database.db.selectFrom('vault_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
      assert.equal(row.validated, false);
      assert.equal(row.number_encrypted.includes('12345678901'), false);
      const bank = (body: Record<string, string>) =>
        p.tokenize('bank', { routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking', holderName: 'Omar Haddad', ...body });
      refusal(await bank({ routingNumber: '123456789' }), 400, 'invalid_routing_number', 'routingNumber');
      refusal(await bank({ routingNumber: '02100002' }), 400, 'invalid_routing_number', 'routingNumber');
      refusal(await bank({ accountNumber: '12' }), 400, 'invalid_account_number', 'accountNumber');
      refusal(await bank({ accountNumber: '12ab5678' }), 400, 'invalid_account_number', 'accountNumber');
      refusal(await bank({ accountType: 'brokerage' }), 400, 'invalid_request', 'accountType');
    });

    it('tokenizes wallet payment data as a card token that says the wallet', async () => {
      const apple = await p.tokenize<{ id: string; kind: string; card: { brand: string; last4: string; wallet: string } }>('wallet', { wallet: 'apple_pay' });
      assert.equal(apple.status, 201, JSON.stringify(apple.body));
      assert.equal(apple.body.kind, 'card');
      assert.deepEqual([apple.body.card.brand, apple.body.card.last4, apple.body.card.wallet], ['visa', '4242', 'apple_pay']);
      const google = await p.tokenize<{ card: { brand: string; wallet: string } }>('wallet', { wallet: 'google_pay', sandboxCard: CARDS.mastercard2 });
      assert.equal(google.status, 201);
      assert.deepEqual([google.body.card.brand, google.body.card.wallet], ['mastercard', 'google_pay']);
      refusal(await p.tokenize('wallet', { wallet: 'samsung_pay' }), 400, 'invalid_request', 'wallet');
      refusal(await p.tokenize('wallet', { wallet: 'apple_pay', sandboxCard: '4242424242424241' }), 400, 'invalid_number', 'sandboxCard');
    });

    it('logs no card number and no security code', async () => {
      await p.assertNoCvcStored();
      p.assertLogClean();
    });
  });
}
