/**
 * Nacha enforcement: the practice API reads what a token stands for from the processor (secret
 * key, never the number) before charging it, refuses a bank debit without the patient's accepted
 * authorization, and keeps the authorization with the payment: the exact text, when, and the
 * address and browser the server saw. The receipt names the method as the processor describes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, PaymentSchema } from '@billpay/sdk';
import { TokenDetailsSchema } from '@billpay/sdk/processor';
import { DomainError } from '../../src/domain/errors.js';
import { checkDebitAuthorization } from '../../src/payments/authorization.js';
import { processorSecretKey } from '../../src/processor/sandbox/keys.js';
import { backends } from '../support/backends.js';
import { openHarness, SECRET, type Harness } from '../support/harness.js';
import { paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, PK, refusal, type ProcessorHarness } from '../support/processor.js';

const TEXT =
  'I authorize Harbor Point Medical Group to debit my checking account ending 6789 once for $25.00 on the date shown. I may revoke this by calling (203) 555-0100.';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) BillPayTest/1.0';

let counter = 0;
const newKey = () => `auth-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;

for (const backend of backends) {
  describe(`processor token details (${backend.name})`, () => {
    let p: ProcessorHarness;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });

    it('tells the merchant what a token stands for, never the number, with its secret key only', async () => {
      const card = await p.cardToken(CARDS.amex);
      const details = await p.secretCall(`/v1/tokens/${card}`);
      assert.equal(details.status, 200, JSON.stringify(details.body));
      const cardDetails = TokenDetailsSchema.parse(details.body);
      assert.deepEqual([cardDetails.id, cardDetails.kind, cardDetails.used], [card, 'card', false]);
      assert.deepEqual(cardDetails.kind === 'card' && cardDetails.card, { brand: 'amex', last4: '0005', expMonth: 12, expYear: 2030 });
      assert.equal(JSON.stringify(details.body).includes(CARDS.amex), false);

      const bank = await p.bankToken('000123456789');
      const bankDetails = TokenDetailsSchema.parse((await p.secretCall(`/v1/tokens/${bank}`)).body);
      assert.equal(bankDetails.kind, 'bank');
      assert.deepEqual(bankDetails.kind === 'bank' && bankDetails.bank, { last4: '6789', accountType: 'checking', routingLast4: '0021', bankName: 'JPMorgan Chase Bank' });
      assert.equal(JSON.stringify(bankDetails).includes('000123456789'), false);
      assert.equal(JSON.stringify(bankDetails).includes('021000021'), false);

      const wallet = await p.tokenize<{ id: string }>('wallet', { wallet: 'google_pay' });
      const walletDetails = TokenDetailsSchema.parse((await p.secretCall(`/v1/tokens/${wallet.body.id}`)).body);
      assert.equal(walletDetails.kind === 'card' && walletDetails.card.wallet, 'google_pay');

      // A charge marks it used; the charge describes a bank account the same way.
      const charged = await p.charge({ token: bank, amountCents: 1_000 }, newKey());
      assert.equal(charged.status, 201);
      assert.deepEqual((charged.body as { method: unknown }).method, { kind: 'bank', last4: '6789', accountType: 'checking', bankName: 'JPMorgan Chase Bank' });
      assert.equal(TokenDetailsSchema.parse((await p.secretCall(`/v1/tokens/${bank}`)).body).used, true);

      // Not with the publishable key, nor without a key, nor another merchant's key; unknown: 404.
      refusal(await p.send(`/v1/tokens/${card}`, { headers: { 'x-billpay-key': PK } }), 401, 'invalid_api_key');
      refusal(await p.send(`/v1/tokens/${card}`), 401, 'invalid_api_key');
      refusal(await p.secretCall(`/v1/tokens/${card}`, undefined, undefined, processorSecretKey(SECRET, 'other-practice')), 401, 'invalid_api_key');
      refusal(await p.secretCall('/v1/tokens/tok_doesnotexist12345678'), 404, 'no_such_token');
    });
  });

  describe(`payments: bank debit authorization (${backend.name})`, () => {
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

    const pay = (session: string, body: Record<string, unknown>, key = newKey()) =>
      api.pay(session, body, key, { 'x-forwarded-for': '198.51.100.23', 'user-agent': USER_AGENT });
    const chargeCount = async () => Number((await processor.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const paymentCount = async () => Number((await harness.database.db.selectFrom('payments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const refused = (answer: { status: number; body: unknown }, status: number, code: string, param: string) => {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      const { error } = ApiErrorBodySchema.parse(answer.body);
      assert.equal(error.code, code);
      assert.equal(error.param, param);
      assert.deepEqual(error.issues?.[0]?.path, param.split('.'));
    };

    it('refuses a bank account without an accepted authorization, before anything is recorded or charged', async () => {
      const session = await harness.open('Okafor');
      const token = await processor.bankToken('000123456789');
      const [charges, payments] = [await chargeCount(), await paymentCount()];
      refused(await pay(session, { amountCents: 2_500, token }), 422, 'authorization_required', 'authorization');
      const now = harness.clock.current.getTime();
      const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: ' '.repeat(60), acceptedAt: at(0) } }), 422, 'authorization_invalid', 'authorization.text');
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: 'yesterday afternoon' } }), 422, 'authorization_invalid', 'authorization.acceptedAt');
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: '2026-11-22' } }), 422, 'authorization_invalid', 'authorization.acceptedAt');
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: '2026-02-30T10:00:00Z' } }), 422, 'authorization_invalid', 'authorization.acceptedAt');
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: at(60 * 60_000) } }), 422, 'authorization_invalid', 'authorization.acceptedAt');
      refused(await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: at(-3 * 86_400_000) } }), 422, 'authorization_invalid', 'authorization.acceptedAt');
      assert.equal(await chargeCount(), charges);
      assert.equal(await paymentCount(), payments);
      // A browser clock a minute fast is fine.
      const answer = await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt: at(60_000) } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    });

    it('checks acceptedAt is a real day and time', () => {
      const now = new Date('2026-12-01T12:00:00Z');
      const check = (acceptedAt: string, present = true) => {
        try {
          return checkDebitAuthorization({ text: TEXT, acceptedAt }, now, present).acceptedAt;
        } catch (error) {
          return error instanceof DomainError ? `${error.code}:${error.issues[0]?.code ?? ''}` : 'other';
        }
      };
      // 2026-11-31 would be read as December 1, inside the window, were the day not checked.
      assert.equal(check('2026-11-31T11:00:00Z'), 'authorization_invalid:invalid_date');
      assert.equal(check('2026-12-01T06:30:00-05:00'), '2026-12-01T11:30:00.000Z');
      assert.equal(check('2026-12-01T11:00:00.123Z'), '2026-12-01T11:00:00.123Z');
      assert.equal(check('2026-12-01 11:00:00'), 'authorization_invalid:invalid_date');
      assert.equal(check('2026-12-01T12:06:00Z'), 'authorization_invalid:in_future');
      assert.equal(check('2026-11-29T12:00:00Z'), 'authorization_invalid:too_old');
      // Without the patient present (a plan's installment), a standing authorization may be old.
      assert.equal(check('2026-06-01T12:00:00Z', false), '2026-06-01T12:00:00.000Z');
      assert.equal(check('2027-06-01T12:00:00Z', false), 'authorization_invalid:in_future');
    });

    it('keeps the exact text, when, and the address and browser the server saw; the receipt names the account', async () => {
      const session = await harness.open('Okafor');
      const token = await processor.bankToken('000555006789');
      const acceptedAt = new Date(harness.clock.current.getTime() - 90_000).toISOString();
      const answer = await pay(session, { amountCents: 2_500, token, authorization: { text: TEXT, acceptedAt } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const receipt = PaymentSchema.parse(answer.body);
      assert.equal(receipt.status, 'processing');
      assert.deepEqual(receipt.method, { kind: 'bank', last4: '6789', accountType: 'checking', bankName: 'JPMorgan Chase Bank' });
      const row = await harness.database.db.selectFrom('payments').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.authorization_text, row.authorization_accepted_at, row.authorization_ip_address, row.authorization_user_agent],
        [TEXT, acceptedAt, '198.51.100.23', USER_AGENT],
      );
      const again = await api.app.request(`/v1/payments/${receipt.id}`, { headers: { authorization: `Bearer ${session}` } });
      assert.deepEqual(PaymentSchema.parse(await again.json()), receipt);
      // Neither the address nor the text is logged.
      assert.equal(logLines.some((line) => line.includes('198.51.100.23') || line.includes('I authorize')), false);
    });

    it('asks nothing of a card, keeps no authorization with it, and says which card it was', async () => {
      const session = await harness.open('Rivera');
      const plain = PaymentSchema.parse((await pay(session, { amountCents: 1_000, token: await processor.cardToken(CARDS.visa) })).body);
      assert.deepEqual(plain.method, { kind: 'card', brand: 'visa', last4: '4242' });
      const withText = await pay(session, { amountCents: 1_000, token: await processor.cardToken(CARDS.mastercard2), authorization: { text: TEXT, acceptedAt: harness.clock.current.toISOString() } });
      const receipt = PaymentSchema.parse(withText.body);
      assert.deepEqual(receipt.method, { kind: 'card', brand: 'mastercard', last4: '3222' });
      const row = await harness.database.db.selectFrom('payments').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.authorization_text, row.authorization_ip_address, row.authorization_user_agent], [null, null, null]);
      const wallet = await processor.tokenize<{ id: string }>('wallet', { wallet: 'apple_pay' });
      const paid = PaymentSchema.parse((await pay(session, { amountCents: 1_000, token: wallet.body.id })).body);
      assert.deepEqual(paid.method, { kind: 'wallet', brand: 'visa', last4: '4242', wallet: 'apple_pay' });
    });

    it('refuses a token the processor does not know, and answers a known key without asking again', async () => {
      const session = await harness.open('Rivera');
      const charges = await chargeCount();
      refused(await pay(session, { amountCents: 1_000, token: 'tok_notatokenatall1234' }), 422, 'invalid_token', 'token');
      assert.equal(await chargeCount(), charges);
      // A bank payment retried a day later under its key gets its receipt, not a stale-authorization refusal.
      const okafor = await harness.open('Okafor');
      const key = newKey();
      const body = { amountCents: 1_500, token: await processor.bankToken('000777006789'), authorization: { text: TEXT, acceptedAt: harness.clock.current.toISOString() } };
      const first = await pay(okafor, body, key);
      assert.equal(first.status, 201);
      harness.clock.advance(26 * 60);
      const later = await harness.open('Okafor');
      const repeat = await pay(later, body, key);
      assert.equal(repeat.status, 201, JSON.stringify(repeat.body));
      assert.deepEqual(repeat.body, first.body);
    });
  });
}
