/**
 * "Take a payment" by phone in the billing office console, end to end in Chromium against the
 * real server: a billing clerk finds Daniela Rivera by date of birth and last name, takes a
 * payment by card in the processor's hosted card fields (a declined card first: said in words,
 * the amount typed kept, the card fields emptied), prints the receipt, refunds part of the
 * payment; the patient's own widget and the posting file both show it. The done step says where
 * the receipt was emailed, the clerk emails it to another address the patient gives (a bad one
 * refused in words first), and the account's notices list both receipts and its audit trail the
 * clerk's sending, without a reload. In Spanish, at a phone's
 * width, the clerk takes a bank payment after reading the telephone authorization (Nacha TEL).
 * Each state is checked with axe, and screenshots of each are written for a person to look at; the
 * form and the receipt, in English and Spanish, are compared with their visual snapshots.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addStaff, enrolmentLink, DEMO_PRACTICE_ID } from '@billpay/server';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { accessible, looksAsBefore } from './console-axe.js';
import { CARD_WORDS, fillHostedCard, findBill, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

const PASSWORD = 'correct horse battery staple';
/** The dialog alone, for its visual snapshots: the account behind it changes with every read of its audit trail. */
const PHONE_DIALOG = 'console-phone-dialog dialog';
/** Where the screenshots go (BILLPAY_SCREENSHOTS to keep them elsewhere). */
const SHOTS = process.env.BILLPAY_SCREENSHOTS ?? '/tmp/billpay-console-phone';

describe('the billing office console: a payment taken by phone', () => {
  let harness: Harness;
  let confirmation = '';
  before(async () => {
    harness = await startHarness({ console: true });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await harness?.close();
  });

  /** A billing clerk enrolled with a password and an authenticator app, signed in, on Rivera's account. */
  async function onRiverasAccount(page: Page, email: string) {
    const { token } = await addStaff(harness.server.database.db, { practiceId: DEMO_PRACTICE_ID, email, role: 'billing', now: new Date() });
    await page.goto(enrolmentLink(harness.server.url, token));
    const secret = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Code your authenticator app shows now').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Finish setup' }).press('Enter');
    await page.getByRole('heading', { name: 'Find an account' }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill('03/09/1984 Rivera');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.getByRole('link', { name: 'Rivera, Daniela' }).click();
    await page.getByRole('heading', { name: 'Account of Daniela Rivera' }).waitFor();
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
  const cardFrame = (page: Page) => page.frameLocator('console-phone-dialog iframe[part="card-frame"]');

  it('the console’s CSP frames and reaches exactly the processor’s origin, nothing else', async () => {
    const page = await fetch(`${harness.server.url}/console/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    const processor = new URL(harness.server.processorUrl!).origin;
    assert.match(csp, new RegExp(`frame-src ${processor}(;|$)`));
    assert.match(csp, new RegExp(`connect-src 'self' ${processor}(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('a billing clerk takes $30.00 by card (a decline first), prints the receipt and refunds $10.00 of it', async () => {
    const { page, problems } = await harness.newPage({ width: 1280 });
    await page.addInitScript(() => {
      window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
    });
    // She has an email address: the payment's receipt goes there by itself.
    await harness.server.database.db.updateTable('accounts').set({ email: 'daniela.rivera@example.com' }).where('practice_id', '=', DEMO_PRACTICE_ID).where('last_name', '=', 'Rivera').execute();
    await onRiverasAccount(page, 'phone.clerk@harbor.example');
    const take = page.getByRole('button', { name: 'Take a payment' });
    await take.click();
    // The dialog is named by its step's heading: "Take a payment from …", "Check before taking it", "Payment taken".
    const dialog = page.locator('console-phone-dialog').getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Take a payment from Daniela Rivera' }).waitFor();
    await dialog.getByText(/^The account owes \$[\d,.]+\.$/).waitFor();
    await dialog.getByRole('radio', { name: 'Another amount' }).check();
    // Too much first: said beside the field, which gets focus.
    await dialog.getByLabel('Amount in dollars').fill('99999');
    await cardFrame(page).getByLabel(CARD_WORDS.en.cardNumber).waitFor();
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.getByText(/That is more than the account owes: at most \$/).waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('billpay-console')?.shadowRoot?.querySelector('console-account')?.shadowRoot?.querySelector('console-phone-dialog')?.shadowRoot?.activeElement?.id), 'amount');
    await dialog.getByLabel('Amount in dollars').fill('30');
    await fillHostedCard(cardFrame(page), { number: '4000000000000002', holder: RIVERA.name });
    await shot(page, 'form-card-1280-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'form-card-390-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await accessible(page, 'phone payment form');
    await looksAsBefore(page, 'phone-form', { only: PHONE_DIALOG });
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.getByRole('heading', { name: 'Check before taking it' }).waitFor();
    await dialog.getByText(/^Charge \$30\.00 now to the Visa card ending in 0002 for Daniela Rivera \(account A-100234\)\. The account will then owe \$/).waitFor();
    await dialog.getByRole('button', { name: 'Take $30.00' }).click();
    // Declined: back to the form, said in words; the amount stays, the card fields are empty.
    await dialog.getByText('The card was declined. Nothing was charged. Ask the patient for another card, and enter it again.').waitFor();
    assert.equal(await dialog.getByLabel('Amount in dollars').inputValue(), '30');
    await cardFrame(page).getByLabel(CARD_WORDS.en.cardNumber).waitFor();
    assert.equal(await cardFrame(page).getByLabel(CARD_WORDS.en.cardNumber).inputValue(), '');
    await shot(page, 'declined-1280-en');
    await accessible(page, 'phone payment declined');

    await fillHostedCard(cardFrame(page), { number: '4242424242424242', holder: RIVERA.name });
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.getByText(/^Charge \$30\.00 now to the Visa card ending in 4242 for Daniela Rivera/).waitFor();
    await shot(page, 'review-card-1280-en');
    await accessible(page, 'phone payment review');
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/admin\/v1\/accounts\/[^/]+\/payments$/.test(request.url())) {
        keys.push(request.headers()['idempotency-key'] ?? '');
        assert.doesNotMatch(request.postData() ?? '', /4242424242424242|"cvc"|"number"/, 'no card data to the practice API');
      }
    });
    await dialog.getByRole('button', { name: 'Take $30.00' }).click();
    const receipt = page.getByRole('dialog', { name: 'Payment taken' });
    await receipt.waitFor();
    await page.getByRole('status').filter({ hasText: /^Payment of \$30\.00 taken\. Confirmation number / }).waitFor({ state: 'attached' });
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, /^console-phone-[\w-]{36}$/);
    confirmation = (await receipt.locator('dd.confirmation').innerText()).trim();
    assert.match(confirmation, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await receipt.getByText('phone.clerk@harbor.example').waitFor();
    await receipt.getByText('A receipt is on its way to d***@example.com.').waitFor();
    await shot(page, 'receipt-1280-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'receipt-390-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await accessible(page, 'phone payment receipt');
    await looksAsBefore(page, 'phone-receipt', { only: PHONE_DIALOG });

    // Email it to the address the patient gives on the phone: a mistyped one is refused in words, beside the field.
    const receiptPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/receipt')) receiptPosts.push(request.headers()['idempotency-key'] ?? '');
    });
    const emailIt = receipt.getByRole('button', { name: 'Email the receipt' });
    await emailIt.focus();
    await page.keyboard.press('Enter');
    assert.equal(await emailIt.getAttribute('aria-expanded'), 'true');
    await receipt.getByRole('radio', { name: 'The account’s address, d***@example.com' }).waitFor();
    await receipt.getByRole('radio', { name: 'Another address' }).check();
    await receipt.getByLabel('Email address the patient gives').fill('pat.rivera@example');
    await receipt.getByRole('button', { name: 'Send the receipt' }).click();
    await receipt.getByText('That is not an email address. Check it with the patient: it looks like name@example.com.').waitFor();
    const focused = () => page.evaluate(() => {
      let root: Document | ShadowRoot | null | undefined = document;
      while (root?.activeElement?.shadowRoot) root = root.activeElement.shadowRoot;
      return root?.activeElement?.id;
    });
    assert.equal(await focused(), 'receipt-email', 'focus goes to the field to fix');
    assert.equal(await receipt.getByLabel('Email address the patient gives').getAttribute('aria-invalid'), 'true');
    assert.equal(receiptPosts.length, 0, 'nothing is sent before the address is one');
    await shot(page, 'receipt-email-refused-1280-en');
    await accessible(page, 'receipt by email, an address refused');
    await receipt.getByLabel('Email address the patient gives').fill('pat.rivera@example.org');
    await page.keyboard.press('Enter');
    await receipt.getByRole('status').filter({ hasText: 'Receipt queued for p***@example.org.' }).waitFor();
    assert.equal(receiptPosts.length, 1);
    assert.match(receiptPosts[0]!, /^console-receipt-[\w-]{36}$/);
    assert.equal(await focused(), 'email-toggle', 'focus goes back to the button');
    await shot(page, 'receipt-emailed-1280-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'receipt-emailed-390-en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await accessible(page, 'receipt emailed');

    // Print: the receipt alone, as a document of its own.
    await receipt.getByRole('button', { name: 'Print the receipt' }).click();
    await page.locator('html[data-printed="yes"]').waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    const printed = page.locator('#billpay-print-root');
    assert.equal(await printed.getByRole('heading', { level: 1 }).innerText(), `Receipt ${confirmation}`);
    await printed.getByText('$30.00', { exact: true }).waitFor({ state: 'attached' });
    await printed.getByText(confirmation, { exact: true }).waitFor({ state: 'attached' });
    await page.pdf({ format: 'Letter', path: `${SHOTS}/receipt-printed.pdf` });
    await page.emulateMedia({ media: 'screen' });
    await receipt.getByRole('button', { name: 'Close' }).click();
    await receipt.waitFor({ state: 'hidden' });
    assert.equal(await take.evaluate((button) => button.matches(':focus')), true, 'focus goes back to the button');

    // The account's notices list both receipts, its address masked; sending the statement again adds its notice at once.
    const notices = page.getByRole('table', { name: 'Messages sent or waiting for this account, newest first' });
    await notices.getByRole('row').filter({ hasText: 'Receipt' }).filter({ hasText: 'p***@example.org' }).waitFor();
    await notices.getByRole('row').filter({ hasText: 'Receipt' }).filter({ hasText: 'd***@example.com' }).waitFor();
    assert.doesNotMatch(await notices.innerText(), /pat\.rivera|daniela\.rivera/);
    // The audit trail, read again without a reload, names the clerk who emailed it (and likewise the statement sent again).
    const trail = page.getByRole('table', { name: 'Who did what on this account, newest first' });
    const staffRow = (what: string) => trail.getByRole('row').filter({ hasText: what }).filter({ hasText: 'Staff phone.clerk@harbor.example' });
    await staffRow('Receipt emailed').first().waitFor();
    await page.getByRole('button', { name: 'Send this statement again' }).first().click();
    await page.getByRole('status').filter({ hasText: 'The statement is queued for d***@example.com with a new pay link.' }).waitFor({ state: 'attached' });
    await notices.getByRole('row').filter({ hasText: 'Statement ready' }).filter({ hasText: 'd***@example.com' }).waitFor();
    await staffRow('Statement sent again').first().waitFor();
    assert.doesNotMatch(await trail.innerText(), /\/admin\/v1/);

    // Refund $10.00 of it.
    await page.getByRole('button', { name: `Refund payment ${confirmation}` }).click();
    const refund = page.getByRole('dialog');
    await refund.getByLabel('Amount to refund').fill('10');
    await refund.getByLabel('Reason').selectOption({ label: 'The patient asked' });
    await refund.getByRole('button', { name: 'Review' }).click();
    await refund.getByRole('button', { name: 'Refund $10.00' }).click();
    await page.getByRole('status').filter({ hasText: /^Refunded \$10\.00 of payment / }).waitFor({ state: 'attached' });

    // The money desk says who took it.
    await page.getByRole('link', { name: 'Money in and out' }).click();
    const row = page.getByRole('row').filter({ hasText: '$30.00' }).filter({ hasText: 'Staff, by phone' });
    await row.first().waitFor();

    // The posting file: the payment and the refund, with the processor's references.
    const rows = await page.evaluate(async () => {
      const date = new Date().toISOString().slice(0, 10);
      const file = (await (await fetch(`/admin/v1/postings?date=${date}`)).json()) as { rows: { type: string; amountCents: number; method: string }[] };
      return file.rows.map((r) => `${r.type} ${r.amountCents} ${r.method}`);
    });
    assert.ok(rows.includes('payment 3000 card'), JSON.stringify(rows));
    assert.ok(rows.includes('refund -1000 card'), JSON.stringify(rows));
    // Chromium logs every 4xx it fetched: the declined card's 402 is expected; nothing else, no CSP violation.
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 402 (Payment Required)']);
    await page.context().close();
  });

  it('the patient’s widget shows the payment taken by phone, and its refund', async () => {
    assert.ok(confirmation);
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, RIVERA, RIVERA.heading);
    const row = page.locator('bill-summary').getByRole('row').filter({ hasText: 'Card' }).filter({ hasText: '$30.00' });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /Refunded \$10\.00/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('in Spanish at a phone’s width, a bank payment after reading the telephone authorization', async () => {
    const { page, problems } = await harness.newPage({ width: 390 });
    await onRiverasAccount(page, 'phone.clerk.es@harbor.example');
    await page.getByRole('button', { name: 'Ver la consola en español' }).click();
    await page.getByRole('heading', { name: 'Cuenta de Daniela Rivera' }).waitFor();
    await page.getByRole('button', { name: 'Cobrar un pago' }).click();
    const dialog = page.locator('console-phone-dialog').getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Cobrar un pago de Daniela Rivera' }).waitFor();
    await dialog.getByRole('radio', { name: 'Otro monto' }).check();
    await dialog.getByLabel('Monto en dólares').fill('5');
    await dialog.getByRole('radio', { name: 'Cuenta bancaria (de cheques o de ahorros)' }).check();
    await shot(page, 'form-card-390-es');
    await dialog.getByText('Primero complete el monto y la cuenta bancaria: el texto los menciona.').waitFor();
    await dialog.getByLabel('Nombre del titular de la cuenta bancaria').fill('Daniela Rivera');
    await dialog.getByLabel('Número de ruta (routing)').fill('123456789');
    await dialog.getByText('Este número de ruta no es válido', { exact: false }).waitFor();
    await dialog.getByLabel('Número de ruta (routing)').fill('021000021');
    await dialog.getByLabel('Número de cuenta', { exact: true }).fill('000123456789');
    await dialog.getByRole('button', { name: 'Revisar' }).click();
    // Not read yet: said, and nothing typed is lost.
    await dialog.getByText('Lea el texto al paciente y marque la casilla cuando esté de acuerdo.').first().waitFor();
    assert.equal(await dialog.getByLabel('Monto en dólares').inputValue(), '5');
    await dialog.getByLabel('Número de cuenta otra vez').fill('000123456789');
    const script = dialog.locator('#script-text');
    await script.getByText(/autoriza a .+ a cobrar una sola vez \$5\.00 de su cuenta de cheques terminada en 6789/).waitFor();
    await shot(page, 'form-bank-script-390-es');
    await dialog.locator('#script-text').scrollIntoViewIfNeeded();
    await shot(page, 'form-bank-script-text-390-es');
    await accessible(page, 'bank payment with the script, in Spanish');
    await looksAsBefore(page, 'phone-form', { only: PHONE_DIALOG });
    await dialog.getByLabel('Se lo leí al paciente y está de acuerdo').check();
    await dialog.getByRole('button', { name: 'Revisar' }).click();
    await dialog.getByText(/^Debitar \$5\.00 de la cuenta de cheques terminada en 6789 de Daniela Rivera/).waitFor();
    await shot(page, 'review-bank-390-es');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'review-bank-1280-es');
    await dialog.getByRole('button', { name: 'Cobrar $5.00' }).click();
    const receipt = page.getByRole('dialog', { name: 'Pago bancario en camino' });
    await receipt.waitFor();
    await receipt.getByText('Autorización telefónica leída').waitFor();
    await receipt.getByText('El recibo se envía al correo de la cuenta cuando se acredite el pago bancario.').waitFor();
    assert.equal(await receipt.getByRole('button', { name: 'Enviar el recibo por correo' }).count(), 0, 'a bank payment on its way has no receipt to send yet');
    await shot(page, 'receipt-bank-1280-es');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'receipt-bank-390-es');
    await page.setViewportSize({ width: 1280, height: 900 });
    await accessible(page, 'bank payment receipt, in Spanish');
    await looksAsBefore(page, 'phone-receipt', { only: PHONE_DIALOG });
    // The record keeps the words read, their version and when the patient agreed.
    const row = await harness.server.database.db.selectFrom('payments').select(['authorization_channel', 'authorization_version', 'authorization_text', 'taken_by_staff_id']).where('amount_cents', '=', 500).where('method_kind', '=', 'bank').executeTakeFirstOrThrow();
    assert.equal(row.authorization_channel, 'telephone');
    assert.match(row.authorization_version ?? '', /^tel-/);
    assert.match(row.authorization_text ?? '', /\$5\.00/);
    assert.ok(row.taken_by_staff_id);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
