import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { createBillPayClient, isAmountNotAllowedError, isPaymentDeclinedError, type Payment } from '@billpay/sdk';

const receipt: Payment = {
  id: 'pay_1',
  confirmationNumber: 'HP-7K3M-9Q2X',
  status: 'succeeded',
  amountCents: 5_000,
  statementId: null,
  method: { kind: 'card', brand: 'visa', last4: '4242' },
  createdAt: '2026-11-22T15:04:05.000Z',
  remainingBalanceCents: 9_250,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'retry-after': '0' } });

/** A fake API that signs in, then answers payments with `answers` in turn, recording each request. */
function fakeApi(answers: (() => Response)[]) {
  const payments: { key: string | null; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === '/v1/lookups') {
      return json(201, {
        token: 'x'.repeat(43),
        idleTimeoutSeconds: 900,
        account: {
          id: 'acct_demo1', practice: 'harbor-point', accountNumber: 'A-100234', patient: { firstName: 'D', lastInitial: 'R' },
          coverage: 'insured', balanceCents: 14_250, aging: { currentCents: 14_250, days30Cents: 0, days60Cents: 0, days90PlusCents: 0 },
          nextStep: { kind: 'paid_in_full' }, asOf: '2026-11-22', statements: [], fees: [], payments: [],
        },
      });
    }
    payments.push({ key: request.headers.get('idempotency-key'), body: await request.json() });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  };
  return { fetch, payments };
}

async function signedIn(fetch: typeof globalThis.fetch) {
  const client = createBillPayClient({ api: 'https://billing.fake.test', practice: 'harbor-point', fetch });
  await client.lookup({ billId: '202511040018', dateOfBirth: '1984-03-09' });
  return client;
}

describe('client.pay', () => {
  it('retries a 503 and a lost connection under one idempotency key', async () => {
    const api = fakeApi([
      () => json(503, { error: { code: 'unavailable', message: 'busy' } }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => json(201, receipt),
    ]);
    const client = await signedIn(api.fetch);
    const payment = await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234' });
    expect(payment.confirmationNumber).to.equal('HP-7K3M-9Q2X');
    expect(api.payments).to.have.length(3);
    const keys = new Set(api.payments.map((p) => p.key));
    expect(keys.size).to.equal(1);
    expect([...keys][0]).to.match(/^[0-9a-f-]{36}$/);
    expect(api.payments[0]!.body).to.deep.equal({ amountCents: 5_000, token: 'tok_abcdefgh1234' });
  });

  it('uses a new key for a new payment, and the given key to repeat an attempt', async () => {
    const api = fakeApi([() => json(201, receipt), () => json(201, receipt), () => json(201, receipt)]);
    const client = await signedIn(api.fetch);
    await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234' });
    await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234' });
    await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234', idempotencyKey: api.payments[0]!.key! });
    expect(api.payments[0]!.key).to.not.equal(api.payments[1]!.key);
    expect(api.payments[2]!.key).to.equal(api.payments[0]!.key);
  });

  it('turns declines into typed errors with their reason, and does not retry them', async () => {
    const api = fakeApi([
      () => json(402, { error: { code: 'payment_declined', message: 'Expired.', declineCode: 'expired_card', paymentId: 'pay_2' } }),
      () => json(402, { error: { code: 'payment_declined', message: 'NSF.', declineCode: 'insufficient_funds' } }),
      () => json(422, { error: { code: 'amount_not_allowed', message: 'Too much.', minimumCents: 100, maximumCents: 14_250 } }),
    ]);
    const client = await signedIn(api.fetch);
    const expired: unknown = await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234' }).catch((e: unknown) => e);
    expect(isPaymentDeclinedError(expired)).to.equal(true);
    expect(expired).to.include({ name: 'CardExpiredError', reason: 'expired_card', paymentId: 'pay_2' });
    const nsf: unknown = await client.pay({ amountCents: 5_000, token: 'tok_abcdefgh1234' }).catch((e: unknown) => e);
    expect(nsf).to.include({ name: 'InsufficientFundsError', reason: 'insufficient_funds' });
    const tooMuch: unknown = await client.pay({ amountCents: 99_999, token: 'tok_abcdefgh1234' }).catch((e: unknown) => e);
    expect(isAmountNotAllowedError(tooMuch)).to.equal(true);
    expect(tooMuch).to.include({ minimumCents: 100, maximumCents: 14_250 });
    expect(api.payments).to.have.length(3);
  });
});

describe('client.tokenizeCard', () => {
  it('sends card details to the processor named by the practice, never to the billing API', async () => {
    const seen: { origin: string; path: string; key: string | null; body: string }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      seen.push({ origin: url.origin, path: url.pathname, key: request.headers.get('x-billpay-key'), body: await request.text() });
      if (url.pathname === '/v1/practices/harbor-point') {
        const { demoPractice } = await import('../../../stories/support/fake-api.js');
        return json(200, { ...demoPractice, payments: { processorUrl: 'https://processor.fake.test', publishableKey: 'pk_test_harbor-point' } });
      }
      const card = JSON.parse(seen.at(-1)!.body) as { number: string };
      if (card.number === '4242424242424241') return json(400, { error: { code: 'invalid_number', message: 'Check the card number.', param: 'number' } });
      return json(201, { id: 'tok_1234567890ab', kind: 'card', card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } });
    };
    const client = createBillPayClient({ api: 'https://billing.fake.test', practice: 'harbor-point', fetch });
    const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Ana Rivera', postalCode: '06510' };
    const token = await client.tokenizeCard(card);
    expect(token.id).to.equal('tok_1234567890ab');
    const toProcessor = seen.filter((s) => s.path === '/v1/tokens/card');
    expect(toProcessor.map((s) => [s.origin, s.key])).to.deep.equal([['https://processor.fake.test', 'pk_test_harbor-point']]);
    expect(seen.filter((s) => s.origin === 'https://billing.fake.test').every((s) => !s.body.includes('4242424242424242'))).to.equal(true);

    const refused: unknown = await client.tokenizeCard({ ...card, number: '4242424242424241' }).catch((e: unknown) => e);
    expect(refused).to.include({ name: 'TokenizationError', code: 'tokenization_failed', reason: 'invalid_number', param: 'number', status: 400 });
  });
});
