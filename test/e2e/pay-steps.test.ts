import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillHostedCard, findBill, hostedCardFrame, OKAFOR, RIVERA, type Login } from './patient.js';
import { startHarness, type Harness } from './support.js';

// The pay flow as a patient moves through it with the browser's own buttons, and changing language
// part way: on the demo site, against the real server and its sandbox processor (a server of its
// own, so its patients' balances are untouched by payments.test.ts).

const CARD = '4242424242424242';

describe('moving through the pay flow', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function openAndFindBill(page: Page, login: Login, heading: string) {
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, login, heading);
  }

  it('goes back a step with the Back button, forward with Forward, and from a receipt back to the bill; the address never changes', async () => {
    const { page, problems } = await harness.newPage();
    await openAndFindBill(page, RIVERA, RIVERA.heading);
    const address = page.url();
    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const form = page.locator('pay-form');
    const frame = hostedCardFrame(page);
    await fillHostedCard(frame, { number: CARD, holder: RIVERA.name });
    await form.getByRole('button', { name: 'Review payment' }).click();
    await form.getByRole('heading', { name: 'Review your payment' }).waitFor();

    await page.goBack();
    await form.getByRole('heading', { name: 'Make a payment' }).waitFor();
    assert.equal(await form.getByRole('heading', { name: 'Review your payment' }).count(), 0);
    assert.equal(await frame.getByLabel('Card number').inputValue(), '4242 4242 4242 4242', 'what was typed is kept');

    await page.goForward();
    await form.getByRole('heading', { name: 'Review your payment' }).waitFor();
    await form.getByRole('button', { name: 'Pay $142.50' }).click();
    await form.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();

    await page.goBack();
    const summary = page.locator('bill-summary');
    await summary.getByText('You have no balance due. Thank you!').waitFor();
    assert.equal(await page.locator('pay-form').count(), 0, 'not back into the finished payment');
    await page.goForward();
    await form.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();
    await page.goBack();
    await summary.getByText('You have no balance due. Thank you!').waitFor();
    await page.goBack();
    await page.locator('bill-lookup').getByRole('heading', { name: 'Find your bill' }).waitFor();
    await page.goForward();
    await summary.getByText('You have no balance due. Thank you!').waitFor();

    assert.equal(page.url(), address);
    const state = JSON.stringify(await page.evaluate(() => history.state as unknown));
    assert.doesNotMatch(state, new RegExp(`${RIVERA.billId}|${RIVERA.year}|tok_`));
    assert.deepEqual(problems, []);
  });

  it('keeps the card number typed in the hosted fields when the patient switches to Spanish part way', async () => {
    const { page, problems } = await harness.newPage();
    const api = new URL(harness.server.url).origin;
    const sentToPractice: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin === api) sentToPractice.push(`${request.url()} ${request.postData() ?? ''}`);
    });
    await openAndFindBill(page, OKAFOR, OKAFOR.heading);
    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const frame = hostedCardFrame(page);
    await frame.getByLabel('Card number').fill(CARD);

    await page.getByRole('button', { name: 'Español' }).focus();
    await page.keyboard.press('Enter');
    const form = page.locator('pay-form');
    await form.getByRole('heading', { name: 'Hacer un pago' }).waitFor();
    await frame.getByLabel('Número de tarjeta').waitFor();
    assert.equal(await frame.getByLabel('Número de tarjeta').inputValue(), '4242 4242 4242 4242');
    await frame.getByLabel('Fecha de vencimiento').fill('12/34');
    await frame.getByLabel('Código de seguridad').fill('123');
    await frame.getByLabel('Nombre en la tarjeta').fill('Chidi Okafor');
    await frame.getByLabel('Código postal').fill('06510');
    await form.getByRole('button', { name: 'Revisar el pago' }).click();
    await form.getByRole('heading', { name: 'Revise su pago' }).waitFor();
    assert.match(await form.locator('[part="review"]').innerText(), /Visa terminada en 4242/);
    assert.deepEqual(sentToPractice.filter((sent) => sent.includes(CARD)), [], 'the card number never reaches the practice');
    assert.deepEqual(problems, []);
  });
});
