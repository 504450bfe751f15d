/**
 * Pay pressed twice on the demo, in Chromium against the real server and its sandbox processor: a
 * double click, or Enter twice, sends one POST /v1/payments and the processor charges once.
 *
 * The server would answer a second request with the same idempotency key by the same payment, so
 * counting charges alone cannot tell a second request from none: the page's own requests are
 * counted too, where the page makes them (its fetch, wrapped before any script of the page runs).
 * The widget calls fetch as it handles the press, before the first answer can arrive, so by the
 * time the receipt shows, every request the presses made has been counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { CHEN, findBill, hostedCardFrame, RIVERA, type DemoPatient } from './patient.js';
import { startHarness, type Harness } from './support.js';

declare global {
  interface Window {
    /** The page's calls of fetch, "METHOD URL", recorded as they are made. */
    billpayFetches?: string[];
  }
}

describe('pressing Pay twice on the demo site', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  const charges = async () => (await harness.server.processorDatabase!.db.selectFrom('charges').select('id').execute()).length;
  const payments = async (billId: string) =>
    (
      await harness.server.database.db
        .selectFrom('payments')
        .innerJoin('accounts', 'accounts.id', 'payments.account_id')
        .select('payments.id')
        .where('accounts.bill_id', '=', billId)
        .execute()
    ).length;

  /** The bill of `patient`, then the payment form with a card typed in the processor's fields, reviewed. */
  async function toReview(patient: DemoPatient): Promise<{ page: Page; problems: string[] }> {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.addInitScript(() => {
      const calls: string[] = (window.billpayFetches = []);
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const request = new Request(input, init);
        calls.push(`${request.method} ${request.url}`);
        return original(request);
      };
    });
    await page.goto(`${harness.server.url}/pay.html`);
    const lookup = page.locator('bill-lookup');
    await lookup.getByRole('heading', { name: 'Find your bill' }).waitFor();
    await findBill(page, patient, patient.heading);
    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const form = page.locator('pay-form');
    await form.getByRole('heading', { name: 'Make a payment' }).waitFor();
    const frame = hostedCardFrame(page);
    await frame.getByLabel('Card number').waitFor();
    // Ready once the processor's page has said so: the loading note under the fields is gone.
    await form.getByRole('status').filter({ hasText: 'Loading the secure card fields' }).waitFor({ state: 'detached' });
    await frame.getByLabel('Card number').pressSequentially('4242424242424242');
    await frame.getByLabel('Expiration date').pressSequentially('1234');
    await frame.getByLabel('Security code').pressSequentially('123');
    await frame.getByLabel('Name on card').pressSequentially(patient.name);
    await frame.getByLabel('ZIP code').pressSequentially('06510');
    await form.getByRole('button', { name: 'Review payment' }).click();
    await form.getByRole('heading', { name: 'Review your payment' }).waitFor();
    return opened;
  }

  /** What the page sent to POST /v1/payments, once the receipt is on screen. */
  async function afterReceipt(page: Page) {
    const form = page.locator('pay-form');
    await form.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();
    const fetches = await page.evaluate(() => window.billpayFetches ?? []);
    return { posts: fetches.filter((call) => call === `POST ${harness.server.url}/v1/payments`), receipt: await form.locator('[part="receipt"]').innerText() };
  }

  it('a double click on Pay sends one payment, and the card is charged once', async () => {
    const { page, problems } = await toReview(RIVERA);
    const [chargesBefore, paymentsBefore] = [await charges(), await payments(RIVERA.billId)];
    await page.locator('pay-form').getByRole('button', { name: `Pay ${RIVERA.balance}` }).dblclick();
    const { posts, receipt } = await afterReceipt(page);
    assert.equal(posts.length, 1, posts.join('\n'));
    assert.match(receipt, /Amount paid\s+\$142\.50/);
    assert.equal((await charges()) - chargesBefore, 1);
    assert.equal((await payments(RIVERA.billId)) - paymentsBefore, 1);
    assert.deepEqual(problems, []);
  });

  it('Enter pressed twice on Pay sends one payment, and the card is charged once', async () => {
    const { page, problems } = await toReview(CHEN);
    const [chargesBefore, paymentsBefore] = [await charges(), await payments(CHEN.billId)];
    await page.locator('pay-form').getByRole('button', { name: `Pay ${CHEN.balance}` }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const { posts, receipt } = await afterReceipt(page);
    assert.equal(posts.length, 1, posts.join('\n'));
    assert.match(receipt, /Amount paid\s+\$310\.00/);
    assert.equal((await charges()) - chargesBefore, 1);
    assert.equal((await payments(CHEN.billId)) - paymentsBefore, 1);
    assert.deepEqual(problems, []);
  });
});
