import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { createBillPayClient, isApiError, isInvalidResponseError, isNetworkError } from '@billpay/sdk';
import { demoAccounts } from '../../../stories/support/demo-accounts.js';
import { createFakeApi, demoPractice, FAKE_API_ORIGIN } from '../../../stories/support/fake-api.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('createBillPayClient', () => {
  it('fetches the practice and validates it against the wire schema', async () => {
    const api = createFakeApi();
    const practice = await api.client().getPractice();
    expect(practice.name).to.equal('Harbor Point Medical Group');
    expect(practice.policies.invoicingFeeCents).to.equal(1_000);
    expect(api.requests).to.deep.equal(['GET /v1/practices/harbor-point']);
  });

  it('turns a structured 404 into an ApiError with its code', async () => {
    const error = await caught(createFakeApi().client({ practice: 'nowhere' }).getPractice());
    expect(isApiError(error)).to.equal(true);
    expect(error).to.include({ status: 404, code: 'practice_not_found' });
  });

  it('reports an unreachable API as a NetworkError', async () => {
    const error = await caught(createFakeApi({ failure: 'network' }).client().getPractice());
    expect(isNetworkError(error)).to.equal(true);
  });

  it('reports an answer that breaks the contract as an InvalidResponseError', async () => {
    const wrong = { ...demoPractice, policies: { ...demoPractice.policies, invoicingFeeCents: 10.5 } };
    const fetch: typeof globalThis.fetch = () =>
      Promise.resolve(new Response(JSON.stringify(wrong), { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = await caught(createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch }).getPractice());
    expect(isInvalidResponseError(error)).to.equal(true);
  });

  it('retries a safe request after a 503 and succeeds', async () => {
    let calls = 0;
    const api = createFakeApi();
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls++;
      if (calls === 1) {
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'down' } }), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '0' },
        });
      }
      return api.fetch(input, init);
    };
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 1 });
    expect((await client.getPractice()).id).to.equal('harbor-point');
    expect(calls).to.equal(2);
  });

  it('signs out on the server: DELETE /v1/session with the session’s token, which then no longer works', async () => {
    const api = createFakeApi();
    const sent: { method: string; path: string; authorization: string | null }[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization') });
      return api.fetch(request);
    };
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 0 });
    const rivera = demoAccounts.find((a) => a.lastName === 'Rivera')!;
    await client.lookup({ billId: rivera.billId, dateOfBirth: rivera.dateOfBirth });
    await client.getAccount();
    const authorization = sent.at(-1)?.authorization;
    expect(authorization).to.match(/^Bearer \S+$/);

    await client.signOut();
    expect(client.hasSession).to.equal(false);
    expect(sent.at(-1)).to.deep.equal({ method: 'DELETE', path: '/v1/session', authorization });
    const withOldToken = await api.fetch(`${FAKE_API_ORIGIN}/v1/account`, { headers: { authorization: authorization! } });
    expect(withOldToken.status).to.equal(401);
  });

  it('refuses to be created without an API or a practice', () => {
    expect(() => createBillPayClient({ api: '', practice: 'x' })).to.throw(TypeError);
    expect(() => createBillPayClient({ api: FAKE_API_ORIGIN, practice: '' })).to.throw(TypeError);
  });
});
