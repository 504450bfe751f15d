import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { AuthorizationRequiredError, createBillPayClient, isAuthorizationRequiredError, isApiError } from '@billpay/sdk';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake API that signs in, then answers each payment with the next of `answers`. */
function fakeApi(answers: Response[]) {
  let payments = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === '/v1/lookups') {
      return Promise.resolve(json(201, {
        token: 'x'.repeat(43),
        idleTimeoutSeconds: 900,
        account: {
          id: 'acct_demo2', practice: 'harbor-point', accountNumber: 'A-100235', patient: { firstName: 'O', lastInitial: 'O' },
          coverage: 'insured', balanceCents: 240_000, aging: { currentCents: 240_000, days30Cents: 0, days60Cents: 0, days90PlusCents: 0 },
          nextStep: { kind: 'paid_in_full' }, asOf: '2026-11-22', statements: [], fees: [], payments: [],
        },
      }));
    }
    payments++;
    const answer = answers.shift();
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('no more answers'));
  };
  return { fetch, attempts: () => payments };
}

describe('client.pay with a bank account', () => {
  it('throws AuthorizationRequiredError, not retried, when the Nacha authorization is missing or not sane', async () => {
    const api = fakeApi([
      json(422, { error: { code: 'authorization_required', message: 'Needs the authorization.', param: 'authorization', issues: [{ path: ['authorization'], code: 'required', message: 'x' }] } }),
      json(422, { error: { code: 'authorization_invalid', message: 'Too old.', param: 'authorization.acceptedAt' } }),
      json(422, { error: { code: 'invalid_token', message: 'Unknown token.', param: 'token' } }),
    ]);
    const client = createBillPayClient({ api: 'https://billing.fake.test', practice: 'harbor-point', fetch: api.fetch });
    await client.lookup({ billId: '202511040026', dateOfBirth: '1990-07-14' });
    const missing: unknown = await client.pay({ amountCents: 2_500, token: 'tok_bankbankbank1234' }).catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(AuthorizationRequiredError);
    expect(isAuthorizationRequiredError(missing)).to.equal(true);
    expect(missing).to.include({ code: 'authorization_required', param: 'authorization' });
    const stale: unknown = await client
      .pay({ amountCents: 2_500, token: 'tok_bankbankbank1234', authorization: { text: 'I authorize Harbor Point Medical Group to debit my account once.', acceptedAt: '2026-11-01T10:00:00Z' } })
      .catch((e: unknown) => e);
    expect(stale).to.include({ name: 'AuthorizationRequiredError', code: 'authorization_invalid', param: 'authorization.acceptedAt' });
    const unknown: unknown = await client.pay({ amountCents: 2_500, token: 'tok_bankbankbank1234' }).catch((e: unknown) => e);
    expect(isAuthorizationRequiredError(unknown)).to.equal(false);
    expect(isApiError(unknown) && unknown.code).to.equal('invalid_token');
    expect(api.attempts()).to.equal(3);
  });
});
