import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import * as root from '@billpay/sdk';
import { createBillPayClient } from '@billpay/sdk/client';
import { createBillPayConnection, getPractice } from '@billpay/sdk/connection';
import { isNetworkError, isSessionExpiredError } from '@billpay/sdk/errors';
import { getAccount, lookupBill, signOut } from '@billpay/sdk/lookup';
import { getPlanOptions } from '@billpay/sdk/plans';
import * as processor from '@billpay/sdk/processor';
import { demoAccounts } from '../../../stories/support/demo-accounts.js';
import { createFakeApi, FAKE_API_ORIGIN } from '../../../stories/support/fake-api.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const rivera = demoAccounts[0]!;
const riveraLookup = { billId: rivera.billId, dateOfBirth: rivera.dateOfBirth };

function connect(api = createFakeApi(), fetch = api.fetch) {
  return createBillPayConnection({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch, retries: 0 });
}

/** The in-memory API behind a `fetch` that honours its request's signal, as the platform's does. */
function abortable(api: ReturnType<typeof createFakeApi>): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    if (request.signal.aborted) return Promise.reject(request.signal.reason as Error);
    return new Promise((resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason as Error), { once: true });
      api.fetch(request).then(resolve, reject);
    });
  };
}

describe('operations as functions over a connection', () => {
  it('finds a bill and reads the account over one connection, which then holds the session', async () => {
    const connection = connect();
    expect(connection.hasSession).to.equal(false);
    const account = await lookupBill(connection, riveraLookup);
    expect(connection.hasSession).to.equal(true);
    expect((await getAccount(connection)).id).to.equal(account.id);
    await signOut(connection);
    expect(connection.hasSession).to.equal(false);
    expect(isSessionExpiredError(await caught(getAccount(connection)))).to.equal(true);
  });

  it('shares the session with a client made over the same connection', async () => {
    const connection = connect();
    const client = createBillPayClient(connection);
    expect(client.connection).to.equal(connection);
    await lookupBill(connection, riveraLookup);
    expect(client.hasSession).to.equal(true);
    expect((await client.getPlanOptions()).balanceCents).to.equal((await getPlanOptions(connection)).balanceCents);
  });

  it('gives a client made from options its own connection, and a new one to each extend(), with its session while the practice is the same', async () => {
    const api = createFakeApi();
    const client = createBillPayClient({ api: FAKE_API_ORIGIN, practice: 'harbor-point', fetch: api.fetch, retries: 0 });
    await client.lookup(riveraLookup);
    const other = client.extend({ timeout: 5_000 });
    expect(other.connection).not.to.equal(client.connection);
    expect(other.hasSession).to.equal(true);
    expect((await other.getAccount()).balanceCents).to.equal((await client.getAccount()).balanceCents);
    expect(client.extend({ practice: 'another-practice' }).hasSession).to.equal(false);
  });

  it('refuses an object that is not a connection', () => {
    const fake = { options: { api: FAKE_API_ORIGIN, practice: 'harbor-point' }, hasSession: false };
    expect(() => getPractice(fake)).to.throw(TypeError);
  });
});

describe('{ signal } on every call', () => {
  it('rejects with the AbortError when the call is aborted while it waits, not with a NetworkError, and keeps no session', async () => {
    const api = createFakeApi({ delayMs: Infinity });
    const connection = connect(api, abortable(api));
    const controller = new AbortController();
    const pending = caught(lookupBill(connection, riveraLookup, { signal: controller.signal }));
    controller.abort();
    const error = await pending;
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(isNetworkError(error)).to.equal(false);
    expect(connection.hasSession).to.equal(false);
  });

  it('rejects with the reason given to abort(), also when the signal was aborted before the call', async () => {
    const api = createFakeApi();
    const client = createBillPayClient(connect(api, abortable(api)));
    const reason = new Error('the patient left the page');
    const error = await caught(client.getPractice({ signal: AbortSignal.abort(reason) }));
    expect(error).to.equal(reason);
    expect(client.hasSession).to.equal(false);
    expect(await caught(client.lookup(riveraLookup, { signal: AbortSignal.abort(reason) }))).to.equal(reason);
    expect(client.hasSession).to.equal(false);
  });

  it('stops one caller waiting for the practice without cancelling the load the others share', async () => {
    const api = createFakeApi({ delayMs: 50 });
    const connection = connect(api);
    const controller = new AbortController();
    const first = caught(getPractice(connection, { signal: controller.signal }));
    const second = getPractice(connection);
    controller.abort();
    expect((await first) instanceof DOMException).to.equal(true);
    expect((await second).id).to.equal('harbor-point');
    expect(api.requests).to.deep.equal(['GET /v1/practices/harbor-point']);
  });
});

describe('entries', () => {
  it('keeps the processor’s server-to-server contract out of the root entry', () => {
    expect(processor.ChargeSchema).to.not.equal(undefined);
    expect(processor.TokenDetailsSchema).to.not.equal(undefined);
    for (const name of ['ChargeSchema', 'ChargeRequestSchema', 'RefundSchema', 'TokenDetailsSchema', 'ProcessorEventListSchema', 'ProcessorErrorBodySchema']) {
      expect(name in root, name).to.equal(false);
    }
    expect(root.CardTokenRequestSchema).to.equal(processor.CardTokenRequestSchema);
  });
});
