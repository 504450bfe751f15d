/**
 * The billing office console's money and plan desks, end to end in Chromium against the real
 * server, with the keyboard: a billing clerk opens "Money in and out" from the console's
 * navigation, sees the practice's today with its totals by method, the deposit's reconciliation
 * and the aging of balances, downloads each as CSV and chooses another day; then, on Chidi
 * Okafor's account, sees the card his plan is charged to (brand and last 4), moves one payment of
 * his plan, is refused a move outside the policy's window in words, and changes the amount of the
 * payments left (the patient told first, as they are automatic). Each screen is checked with axe in
 * English and Spanish, at a phone's width and a desk's; the money page is compared with its visual
 * snapshots (test/e2e/snapshots/).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBillPayConnection, createPlan, getPlanOptions, lookupBill } from '@billpay/sdk';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID, publishableKeyFor } from '@billpay/server';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { accessible, looksAsBefore } from './console-axe.js';
import { OKAFOR } from './patient.js';
import { startHarness, type Harness } from './support.js';

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe('the billing office console: money in and out, and plans', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ console: true });
    // Okafor makes a plan of 12 monthly payments charged to his saved Visa, on the demo site (its
    // API and the processor's, as the widget calls them), the first one tomorrow at the earliest.
    const origin = harness.server.url;
    const connection = createBillPayConnection({
      api: origin,
      practice: DEMO_PRACTICE_ID,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        headers.set('origin', origin);
        return fetch(input, { ...init, headers });
      },
    });
    await lookupBill(connection, { billId: OKAFOR.billId, dateOfBirth: `${OKAFOR.year}-${OKAFOR.month.padStart(2, '0')}-${OKAFOR.day.padStart(2, '0')}` });
    const options = await getPlanOptions(connection);
    // The card saved at the processor, as its hosted fields would (straight there, never through the practice API).
    const saved = await fetch(`${harness.server.processorUrl!}/v1/tokens/card`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-billpay-key': publishableKeyFor(DEMO_PRACTICE_ID) },
      body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123', name: OKAFOR.name, postalCode: '06510', reusable: true }),
    });
    assert.equal(saved.status, 201);
    const card = (await saved.json()) as { id: string };
    const authorization = { text: 'I authorize Harbor Point Medical Group to charge my card for each payment of this plan.', acceptedAt: new Date().toISOString() };
    await createPlan(connection, { frequency: 'monthly', firstDate: plusDays(options.today, 1) > options.earliestFirstDate ? plusDays(options.today, 1) : options.earliestFirstDate, payments: 12, payment: { mode: 'automatic', method: 'card', token: card.id, authorization } });
  });
  after(async () => {
    await harness?.close();
  });

  /** A billing clerk enrolled with a password and an authenticator app, signed in. */
  async function signedInClerk(page: Page, email: string) {
    const { token } = await addStaff(harness.server.database.db, { practiceId: DEMO_PRACTICE_ID, email, role: 'billing', now: new Date() });
    await page.goto(enrolmentLink(harness.server.url, token));
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Code your authenticator app shows now').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Finish setup' }).press('Enter');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
  }

  it('shows today’s money, the deposit and the aging, each as CSV too, and another day', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await signedInClerk(page, 'money@harbor.example');
    const link = page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Money in and out' });
    await link.focus();
    await link.press('Enter');
    await page.getByRole('heading', { name: 'Money in and out', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/money');
    assert.equal(await link.getAttribute('aria-current'), 'page');

    // Today as the practice counts it: the aging's asOf.
    const today = await page.evaluate(async () => ((await (await fetch('/admin/v1/money/aging?limit=1')).json()) as { asOf: string }).asOf);
    assert.equal(await page.getByLabel('Day').inputValue(), today);
    await page.getByRole('heading', { name: /^Payments, refunds and returns on / }).waitFor();
    await page.getByRole('table', { name: /^Totals by method/ }).waitFor();
    await page.getByRole('heading', { name: /^Deposit of / }).waitFor();
    await page.getByRole('table', { name: 'What the processor should pay out, by method' }).waitFor();
    await page.getByRole('heading', { name: 'Aging of balances' }).waitFor();
    const aging = page.getByRole('table', { name: 'Accounts that owe, by account number' });
    await aging.getByRole('row', { name: /Okafor|Chidi/ }).first().waitFor();
    await accessible(page, 'money');
    await looksAsBefore(page, 'money');

    // Each download is the same report as CSV, with the session's cookie.
    for (const [name, file] of [
      [/^Download the money of /, /^money-\d{4}-\d{2}-\d{2}\.csv$/],
      [/^Download the deposit of /, /^deposits-\d{4}-\d{2}-\d{2}\.csv$/],
      ['Download the aging of balances (CSV)', /^aging-\d{4}-\d{2}-\d{2}\.csv$/],
    ] as const) {
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name }).press('Enter');
      const download = await downloading;
      assert.match(download.suggestedFilename(), file);
      assert.equal(await download.failure(), null);
    }
    const csv = await page.evaluate(async () => (await (await fetch('/admin/v1/money/aging?format=csv')).text()).split('\n')[0]);
    assert.match(csv ?? '', /accountNumber/);

    // Another day.
    const day = plusDays(today, -3);
    const asked = page.waitForRequest((request) => request.url().includes(`/admin/v1/money/day?date=${day}`));
    await page.getByLabel('Day').fill(day);
    await page.getByRole('button', { name: 'Show this day' }).press('Enter');
    await asked;
    await page.getByRole('status').filter({ hasText: /^Showing / }).waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('link', { name: /^Download the money of / }).getAttribute('href'), `/admin/v1/money/day?date=${day}&format=csv`);

    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: 'Entradas y salidas de dinero', level: 1 }).waitFor();
    await accessible(page, 'money in Spanish');
    await looksAsBefore(page, 'money');
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('moves a payment of a plan, is refused a move outside the window in words, and changes the amount left', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await signedInClerk(page, 'plans@harbor.example');
    await page.getByLabel('Search', { exact: true }).fill('Okafor');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.getByRole('link', { name: 'Okafor, Chidi' }).press('Enter');
    await page.getByRole('heading', { name: 'Account of Chidi Okafor' }).waitFor();
    await page.getByRole('heading', { name: 'Plan of 12 payments of $200.00: active' }).waitFor();
    // What staff read to the patient on the phone: the card's brand and last 4, nothing more.
    await page.getByText('Charged automatically to the Visa card ending in 4242.', { exact: true }).waitFor();
    await accessible(page, 'account with a plan');

    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/admin/v1/plans/')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    const dialog = page.getByRole('dialog');

    // Move payment 2 five days later.
    await page.getByRole('button', { name: 'Move payment 2' }).press('Enter');
    await dialog.getByRole('heading', { name: 'Move payment 2' }).waitFor();
    const due = await dialog.getByLabel('New due date').inputValue();
    await dialog.getByLabel('New due date').fill(plusDays(due, 5));
    await dialog.getByRole('button', { name: 'Review' }).press('Enter');
    await dialog.getByText('Choose a reason.').waitFor();
    await dialog.getByLabel('Reason').selectOption({ label: 'The patient asked' });
    await dialog.getByRole('button', { name: 'Review' }).press('Enter');
    await dialog.getByText(/^Move payment 2 from .* to .*, because: The patient asked\.$/).waitFor();
    await accessible(page, 'plan change confirmation');
    await dialog.getByRole('button', { name: 'Move payment 2' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'The payment is moved.' }).waitFor({ state: 'attached' });
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, /^console-plan-move-[\w-]{36}$/);

    // Payment 3 sixty days later: outside the window, said in words; nothing typed is lost.
    await page.getByRole('button', { name: 'Move payment 3' }).press('Enter');
    const due3 = await dialog.getByLabel('New due date').inputValue();
    await dialog.getByLabel('New due date').fill(plusDays(due3, 60));
    await dialog.getByLabel('Reason').selectOption({ label: 'Financial hardship' });
    await dialog.getByRole('button', { name: 'Review' }).press('Enter');
    await dialog.getByRole('button', { name: 'Move payment 3' }).press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'That date is outside what the plan policy allows' }).waitFor();
    await dialog.getByRole('button', { name: 'Back' }).press('Enter');
    assert.equal(await dialog.getByLabel('New due date').inputValue(), plusDays(due3, 60));
    await dialog.getByRole('button', { name: 'Cancel' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // The payments left become $300.00 each. (This press once landed on "Move payment 3": the
    // Cancel's close event ran after it and took focus back; see app/modal.ts.)
    await page.getByRole('button', { name: 'Change the amount' }).press('Enter');
    await dialog.getByLabel('New amount of each payment').fill('300');
    await dialog.getByLabel('Reason').selectOption({ label: 'The patient asked' });
    await dialog.getByRole('button', { name: 'Review' }).press('Enter');
    await dialog.getByText(/^Make each payment left \$300\.00, because: The patient asked\./).waitFor();
    await dialog.getByRole('button', { name: 'Change to $300.00' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'The amount of the payments left is changed.' }).waitFor({ state: 'attached' });
    // Automatic payments: the dialog says the patient is told of the new amount first (Regulation E).
    await dialog.getByText('The patient is told.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '$300.00' }).first().waitFor();
    assert.equal(new Set(keys).size, keys.length, 'a key per attempt');

    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: 'Cuenta de Chidi Okafor' }).waitFor();
    await page.getByText('Se cobra automáticamente a la tarjeta Visa terminada en 4242.', { exact: true }).waitFor();
    await accessible(page, 'account with a plan in Spanish');
    // Chromium logs the refused move's 4xx; nothing else.
    assert.ok(problems.every((problem) => /status of 4\d\d/.test(problem)), problems.join('\n'));
    await page.context().close();
  });
});
