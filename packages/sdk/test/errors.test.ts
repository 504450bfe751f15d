import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { createBillPayClient } from '@billpay/sdk/client';
import {
  ApiError,
  isApiError,
  isBillPayError,
  isNetworkError,
  isSessionExpiredError,
  isTimeoutError,
  type BillPayErrorCode,
  type SdkError,
} from '@billpay/sdk/errors';
import { demoAccounts } from '../../../stories/support/demo-accounts.js';
import { createFakeApi, FAKE_API_ORIGIN } from '../../../stories/support/fake-api.js';

/**
 * The SDK's errors as a developer meets them (issue 17): each says what was called and why in its
 * message, carries the answer's status and the server's request id, and has a code from a closed
 * union; the session is not lost by a failed lookup, and a call before any lookup says so.
 */

// A closed union: were `code` a plain string, this would not compile.
const closed: string extends BillPayErrorCode ? 'open' : 'closed' = 'closed';

/** An exhaustive switch over a few codes, as a developer writes it (the rest share one answer). */
function advice(error: SdkError): string {
  switch (error.code) {
    case 'lookup_failed':
      return 'check the Bill ID and date of birth';
    case 'locked_out':
      return `wait until ${error.retryAt.toISOString()}`;
    case 'network':
    case 'timeout':
      return 'try again';
    default:
      return error.code;
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const rivera = demoAccounts[0]!;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('errors, as a developer meets them', () => {
  it('has a closed union of codes to switch on', () => {
    expect(closed).to.equal('closed');
  });

  it('a refusal names the call, the status, the field and why, and the request id to find it in the server log', async () => {
    const fetch: typeof globalThis.fetch = () =>
      Promise.resolve(json(400, { error: { code: 'invalid_request', message: 'Some fields are missing or invalid.', issues: [{ path: ['dateOfBirth'], code: 'invalid_format', message: 'expected a date as YYYY-MM-DD' }], requestId: 'req_abc123' } }));
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 0 });
    const error = await caught(client.lookup({ billId: rivera.billId, dateOfBirth: '03/09/1984' }));
    expect(isApiError(error)).to.equal(true);
    const e = error as ApiError;
    expect([e.code, e.status, e.requestId]).to.deep.equal(['invalid_request', 400, 'req_abc123']);
    expect(e.message).to.contain('POST').and.contain('/v1/lookups').and.contain('dateOfBirth: expected a date as YYYY-MM-DD').and.contain('req_abc123');
    expect(advice(e)).to.equal('invalid_request');
  });

  it('a code this SDK does not know is unknown_error, with the server’s own code kept', async () => {
    const fetch: typeof globalThis.fetch = () => Promise.resolve(json(409, { error: { code: 'brand_new_refusal', message: 'No.' } }, { 'x-request-id': 'req_h1' }));
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 0 });
    const error = (await caught(client.getPractice())) as ApiError;
    expect([error.code, error.serverCode, error.status, error.requestId]).to.deep.equal(['unknown_error', 'brand_new_refusal', 409, 'req_h1']);
  });

  it('a network failure names the address it could not reach; a timeout is a kind of its own', async () => {
    const offline = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', retries: 0, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const down = await caught(offline.getPractice());
    expect(isNetworkError(down)).to.equal(true);
    expect(down).to.include({ code: 'network', method: 'GET', url: `${FAKE_API_ORIGIN}/v1/practices/harbor-point` });
    expect((down as Error).message).to.contain(`${FAKE_API_ORIGIN}/v1/practices/harbor-point`).and.contain('allowedOrigins');

    const slow = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', retries: 0, timeout: 50, fetch: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error))) });
    const late = await caught(slow.getPractice());
    expect(isTimeoutError(late) && isNetworkError(late)).to.equal(true);
    expect(late).to.include({ code: 'timeout', name: 'TimeoutError' });
    expect(advice(late as SdkError)).to.equal('try again');
  });

  it('isBillPayError is true for the SDK’s errors only: not for a Node ECONNREFUSED or an abort', () => {
    const econnrefused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' });
    expect(isBillPayError(econnrefused)).to.equal(false);
    expect(isBillPayError(new DOMException('aborted', 'AbortError'))).to.equal(false);
    expect(isBillPayError({ name: 'LookupFailedError', code: 'lookup_failed' })).to.equal(true);
    expect(isBillPayError(new ApiError(400, 'invalid_request', 'x'))).to.equal(true);
  });

  it('a lookup is sent again after a 503 busy (refused before it counted), never after a failure', async () => {
    const api = createFakeApi();
    let calls = 0;
    const busyOnce: typeof globalThis.fetch = (input, init) => {
      calls += 1;
      if (calls === 1) return Promise.resolve(json(503, { error: { code: 'busy', message: 'The server is busy.' } }, { 'retry-after': '1' }));
      return api.fetch(input, init);
    };
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch: busyOnce, retries: 0 });
    const account = await client.lookup({ billId: rivera.billId, dateOfBirth: rivera.dateOfBirth });
    expect(account.patient.firstName).to.equal(rivera.firstName);
    expect(calls).to.equal(2);

    calls = 0;
    const failing: typeof globalThis.fetch = () => {
      calls += 1;
      return Promise.resolve(json(401, { error: { code: 'lookup_failed', message: 'No bill matches.' } }));
    };
    const wrong = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch: failing, retries: 0 });
    await caught(wrong.lookup({ billId: rivera.billId, dateOfBirth: '1990-01-01' }));
    expect(calls).to.equal(1);
  });

  it('a call that needs a session before any lookup says so, in words for the developer', async () => {
    const api = createFakeApi();
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch: api.fetch, retries: 0 });
    const error = await caught(client.pay({ amountCents: 500, token: 'tok_1234567890ab' }));
    expect(error).to.include({ name: 'NoSessionError', code: 'no_session' });
    expect((error as Error).message).to.contain('lookup()');
    // Code written for an ended session still handles it.
    expect(isSessionExpiredError(error)).to.equal(true);
  });

  it('a failed lookup keeps the session the client already had', async () => {
    const api = createFakeApi();
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch: api.fetch, retries: 0 });
    await client.lookup({ billId: rivera.billId, dateOfBirth: rivera.dateOfBirth });
    const refused = await caught(client.lookup({ billId: rivera.billId, dateOfBirth: '1901-01-01' }));
    expect(refused).to.include({ code: 'lookup_failed' });
    expect(client.hasSession).to.equal(true);
    expect((await client.getAccount()).balanceCents).to.be.a('number');
  });
});
