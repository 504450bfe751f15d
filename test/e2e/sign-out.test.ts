/**
 * Signing out on the demo, in Chromium against the real server: "Look up a different bill" ends
 * the session on the server (DELETE /v1/session), not only in the page, so the token the page held
 * no longer opens the account, for the page or anyone who copied it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { fillLookup, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

describe('signing out on the demo site', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  const account = (token: string) => fetch(`${harness.server.url}/v1/account`, { headers: { authorization: `Bearer ${token}` } });

  it('"Look up a different bill" revokes the session on the server: its token then gets 401', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    const lookup = page.locator('bill-lookup');
    await lookup.getByRole('heading', { name: 'Find your bill' }).waitFor();

    // Daniela Rivera finds her bill; the session's token is what the API answered the lookup with.
    await fillLookup(page, RIVERA);
    const answered = page.waitForResponse((r) => r.url() === `${harness.server.url}/v1/lookups` && r.request().method() === 'POST');
    await lookup.getByRole('button', { name: 'Find my bill' }).press('Enter');
    const { token } = (await (await answered).json()) as { token: string };
    const summary = page.locator('bill-summary');
    await summary.getByRole('heading', { name: RIVERA.heading }).waitFor();
    assert.equal((await account(token)).status, 200, 'the session opens the account while it lasts');

    const revocations: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'DELETE' && request.url() === `${harness.server.url}/v1/session`) revocations.push(request.headers().authorization);
    });
    await page.locator('bill-pay').getByRole('button', { name: 'Look up a different bill' }).click();
    // The widget signs out before it shows the lookup form again: once the bill is gone, it is done.
    await summary.waitFor({ state: 'detached' });

    // What she sees: an empty lookup form, and no bill.
    await lookup.getByRole('heading', { name: 'Find your bill' }).waitFor();
    assert.equal(await lookup.getByLabel('Bill ID').inputValue(), '');
    assert.equal(await page.getByText('$142.50').count(), 0);

    // And the server: the page asked it to end the session, and the token is dead.
    assert.deepEqual(revocations, [`Bearer ${token}`]);
    const after = await account(token);
    assert.equal(after.status, 401);
    assert.equal(ApiErrorBodySchema.parse(await after.json()).error.code, 'session_expired');
    assert.deepEqual(problems, []);
  });
});
